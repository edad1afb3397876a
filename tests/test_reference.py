"""The reference appendix (actlib/reference.py, actlib/reference_facts.py, appendix/reference.ipynb).

The page is rendered here as the notebook renders it (one ``reference.show_family`` call per family)
and read back as text: every registered activation has its entry, with both names, both about texts,
f and f′ and its anchor; a newly registered activation lands in its family with no other edit. The
computed facts are checked against closed forms (written out, or evaluated with mpmath), never against
actlib. The notebook follows the house rules of tests/test_notebook_style.py; nbval runs it in
test_notebooks.py.
"""

import re
from pathlib import Path

import mpmath
import nbformat
import numpy as np
import pytest
from docutils.nodes import make_id
from mpmath import mp, mpf

import actlib
from actlib import reference, reference_facts
from actlib.activations import smooth
from actlib.core import _REGISTRY, INF, JS, Activation, Param, Properties
from actlib.display import spans
from actlib.reference_facts import FACTS, STEP
from actlib.tables import PROPERTY_COLUMNS, framework_table, num

import test_notebook_style as style
from reference import _squareplus as squareplus_mp, softplus1 as softplus_mp   # tests/reference.py (mpmath)

NOTEBOOK = Path(__file__).resolve().parent.parent / "appendix" / "reference.ipynb"
FAMILY_CALL = re.compile(r'^reference\.show_family\("(\w+)"\)$')
CJK = re.compile(r"[\u4e00-\u9fff]")


def text_of(obj) -> str:
    """Every text form of a display object (Markdown, LaTeX, HTML, plain), joined."""
    if hasattr(obj, "_repr_mimebundle_"):
        bundle = obj._repr_mimebundle_()
        bundle = bundle[0] if isinstance(bundle, tuple) else bundle
        return "\n".join(v for k, v in bundle.items() if k.startswith("text/") and isinstance(v, str))
    return "\n".join(out for method in ("_repr_markdown_", "_repr_latex_", "_repr_html_")
                     if hasattr(obj, method) and (out := getattr(obj, method)()))


def entry_text(act) -> str:
    return "\n".join(text_of(part) for part in reference.entry(act))


def notebook_families() -> list[str]:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    return [m[1] for cell in nb.cells if cell.cell_type == "code"
            for m in [FAMILY_CALL.match(cell.source.strip())] if m]


@pytest.fixture(scope="module")
def page() -> dict[str, str]:
    """name → the text of its entry, for every family the notebook shows (explorers included)."""
    return {act.name: entry_text(act) for family in notebook_families() for act in reference.members(family)}


# --------------------------------------------------------------------------- families and order
def test_the_notebook_shows_every_family_once_in_the_chapters_order():
    assert notebook_families() == reference.families()
    assert reference.families()[:len(reference.FAMILY_ORDER)] == list(reference.FAMILY_ORDER)


def test_every_activation_belongs_to_exactly_one_family():
    owners = {act.name: family for family in reference.families() for act in reference.members(family)}
    assert sorted(owners) == sorted(actlib.names())
    assert owners["relu"] == "relu_like" and owners["elu"] == "exponential" and owners["softmax"] == "vector"


def test_a_family_lists_its_activations_in_definition_order():
    source = (Path(smooth.__file__)).read_text(encoding="utf-8")
    defined = re.findall(r'^    name="(\w+)",', source, re.M)
    assert [act.name for act in reference.members("smooth")] == defined


def test_an_activation_imported_into_another_family_stays_in_its_own(monkeypatch):
    monkeypatch.setattr(smooth, "relu", actlib.relu, raising=False)
    assert reference.family_of(actlib.relu) == "relu_like"
    assert actlib.relu not in reference.members("smooth")


def test_an_unknown_family_is_a_value_error_naming_the_families():
    with pytest.raises(ValueError, match=r"reference: family must be one of s_shaped, .*got 'loops'"):
        reference.members("loops")


@pytest.fixture
def probe(monkeypatch):
    """A temporary activation defined as if in actlib/activations/smooth.py, removed afterwards."""
    act = Activation(
        name="probe_line", name_zh="探针直线", name_en="Probe line",
        summary_zh="测试用的直线 αx。", summary_en="The line αx, for the tests.",
        about_zh="只在测试中注册的直线 αx。它检验参考手册无需改动就能收录新函数。",
        about_en="The line αx, registered only by the tests. It checks that the reference takes in a new function unedited.",
        params={"alpha": Param(1.0, 0.5, 2.0, 0.5, "斜率", "the slope")},
        value=lambda x, alpha: alpha * x, derivative=lambda x, alpha: alpha + 0 * x,
        js=JS(f="return alpha * x;", df="return keepNaN(x, alpha);"),
        latex=r"\operatorname{probe}(x) = \alpha x", grad_latex=r"\operatorname{probe}'(x) = \alpha",
        properties=Properties(range=(-INF, INF), monotonic=True, continuity=INF, zero_centred=True,
                              saturating_left=False, saturating_right=False, identity_near_zero=True),
        frameworks={"pytorch": "none", "keras": "none", "tensorflow": "none", "jax": "none"})
    monkeypatch.setattr(smooth, "probe_line", act, raising=False)
    yield act
    del _REGISTRY[act.name]


def test_a_new_activation_lands_in_its_family_with_no_other_edit(probe):
    assert reference.members("smooth")[-1] is probe
    text = entry_text(probe)
    for piece in (f'id="{reference.anchor("probe_line")}"', "探针直线", "Probe line", probe.about_zh, probe.about_en,
                  probe.latex, probe.grad_latex, "data-actlib-explorer", "`alpha`"):
        assert piece in text


def test_without_a_family_module_an_activation_is_in_no_family(probe, monkeypatch):
    monkeypatch.delattr(smooth, "probe_line")
    assert reference.family_of(probe) is None
    assert all(probe not in reference.members(f) for f in reference.families())


# --------------------------------------------------------------------------- the entries
def test_every_registered_name_has_its_entry_on_the_page(page):
    assert sorted(page) == sorted(actlib.names())
    whole = "\n".join(page.values())
    for name in actlib.names():
        assert f"(ref-{name.replace('_', '-')})=" in whole and f"<code>actlib.{name}</code>" in whole


def test_each_entry_has_both_names_both_about_texts_and_its_formulas(page, name):
    act, text = actlib.get(name), page[name]
    for piece in (act.name_zh, act.name_en, act.about_zh, act.about_en, act.latex, act.grad_latex):
        assert piece in text, f"{name}: {piece[:40]!r} is missing from its entry"


def test_each_entry_has_its_frameworks_and_an_explorer_or_an_example(page, name):
    act, text = actlib.get(name), page[name]
    assert framework_table([act]).data in text
    if isinstance(act, actlib.Activation):
        assert text.count("data-actlib-explorer") == 1
        assert all(f"| {header} |" in text for header, _ in PROPERTY_COLUMNS)
    else:
        assert "data-actlib-explorer" not in text and r"\longmapsto" in text
    for key, p in act.params.items():
        assert f"| `{key}` | {num(p.default, 'g')} | {p.valid} |" in text


def test_the_anchor_is_the_label_docutils_makes_and_the_html_id(name):
    label = reference.anchor(name)
    assert make_id(label) == label and label == "ref-" + name.replace("_", "-")
    bundle = reference.Heading(actlib.get(name))._repr_mimebundle_()
    assert bundle["text/html"].startswith(f'<h3 id="{label}">')
    assert bundle["text/markdown"].startswith(f"({label})=\n### ")


def test_the_heading_shows_one_language_per_span():
    html = reference.Heading(actlib.silu)._repr_mimebundle_()["text/html"]
    assert html.startswith(f'<h3 id="ref-silu">{spans(actlib.silu.name_zh, actlib.silu.name_en)}</h3>')
    assert "<code>actlib.swish</code>" in html        # the alias


def test_a_vector_activation_s_example_is_its_value_on_the_example_input():
    x = np.array(reference.EXAMPLE)
    math = "\n".join(text_of(part) for part in reference.example(actlib.softmax))
    expected = np.exp(x - x.max()) / np.exp(x - x.max()).sum()       # softmax by hand
    assert f"({', '.join(actlib.display.tex(v) for v in expected)})" in math


def test_the_property_table_lists_the_kinks():
    text = text_of(reference.property_table(actlib.hard_sigmoid))
    assert "| 折点或跳变点<br>kinks or jumps | −3, 3 |" in text
    assert "| 折点或跳变点<br>kinks or jumps | — |" in text_of(reference.property_table(actlib.tanh))


REFERENCES = Path(__file__).resolve().parent.parent / "appendix" / "references.md"
CITATION = {"zh": re.compile(r"\b([A-Z][A-Za-z-]+)(?: 等| [与和] [A-Z][A-Za-z-]+)?[（，]\s*(\d{4})"),         # Cho 等，2014
            "en": re.compile(r"\b([A-Z][A-Za-z-]+)(?:'s)?(?: et al\.| (?:and|&) [A-Z][A-Za-z-]+)?(?:'s)?,? \(?(\d{4})\b")}


def test_a_cited_paper_is_in_the_references(name):
    """An about text's "Author (year)" / "（Author 等，year）" names a first author and year that one entry
    of appendix/references.md holds."""
    entries = [line for line in REFERENCES.read_text(encoding="utf-8").splitlines() if re.match(r"\d+\. ", line)]
    act = actlib.get(name)
    for lang in ("zh", "en"):
        for author, year in CITATION[lang].findall(getattr(act, f"about_{lang}")):
            assert any(author in e and year in e for e in entries), f"{name}: {author} {year} is not in references.md"


def test_the_citation_pattern_reads_both_languages():
    assert CITATION["zh"].findall("LSTM（Hochreiter 与 Schmidhuber，1997）和 GRU（Cho 等，2014）") == \
        [("Hochreiter", "1997"), ("Cho", "2014")]
    assert CITATION["en"].findall("Nair and Hinton (2010), (Tan & Le, 2019), Shazeer's (2020), LeCun et al. (1998)") \
        == [("Nair", "2010"), ("Tan", "2019"), ("Shazeer", "2020"), ("LeCun", "1998")]


def test_the_overview_counts_what_the_page_lists():
    text = reference.overview().data
    assert f"**{len(actlib.names())}** 个激活函数" in text and f"lists **{len(actlib.names())}** activations" in text
    assert all(f"(#{reference.anchor(n)})" in text for n in FACTS)


# --------------------------------------------------------------------------- the computed facts
def test_facts_exist_only_for_registered_activations():
    assert set(FACTS) <= set(actlib.names())


@pytest.mark.parametrize("lam", [0.5, 1.2])
@pytest.mark.parametrize("v", [-2.0, -0.7, -0.3, 0.2, 0.45, 0.6, 1.5, 3.0])
def test_the_proximal_search_finds_soft_and_hard_thresholding(v, lam):
    soft = np.sign(v) * max(abs(v) - lam, 0.0)                      # the L1 proximal operator, by hand
    hard = v if abs(v) > lam else 0.0                               # the L0 one, threshold λ for (λ²/2)·[x ≠ 0]
    assert reference_facts.prox_by_search(lambda x: lam * np.abs(x), v) == pytest.approx(soft, abs=STEP)
    assert reference_facts.prox_by_search(lambda x: lam ** 2 / 2 * (x != 0), v) == pytest.approx(hard, abs=STEP)


def test_saturation_starts_where_the_slope_falls_below_the_threshold():
    x = np.arange(-300_000, 300_001) * STEP
    s = actlib.SATURATION
    exact = {"tanh": mp.atanh(mp.sqrt(1 - s)), "arctan": mp.sqrt(1 / mpf(s) - 1), "softsign": 1 / mp.sqrt(s) - 1}
    for name, start in exact.items():
        assert 0 <= reference_facts.saturation_start(name, x) - float(start) <= STEP


def test_the_gaussian_s_landmarks():
    x = np.arange(0, 50_001) * STEP
    for level, exact in ((0.5, mp.sqrt(mp.log(2))), (0.01, mp.sqrt(mp.log(100)))):
        assert 0 <= reference_facts.first_at_or_below(actlib.gaussian, level, x) - float(exact) <= STEP
    table = text_of(FACTS["gaussian"]()[0])
    assert f"| {num(1 / mp.sqrt(2), '.4f')} |" in table                          # |f′| is largest at 1/√2
    assert actlib.display.tex(float(mp.sqrt(2 / mp.e))) in table                 # where |f′| = √(2/e)


def test_hard_tanh_and_tanh_differ_most_at_the_kinks():
    x = np.arange(-50_000, 50_001) * STEP
    gap, at = reference_facts.largest_gap(actlib.hard_tanh, actlib.tanh, x)
    assert gap == pytest.approx(float(1 - mp.tanh(1)), rel=1e-12) and abs(at) == 1.0


def test_the_binary_step_fact_prints_the_closed_forms():
    table = text_of(FACTS["binary_step"]()[0])
    for k in (1, 10, 100):
        gap = 1 / (1 + mp.exp(mpf(k) / 10))           # the largest gap for |x| ≥ 0.1 is σ(−0.1k), at x = ±0.1
        assert f"| {k} | {num(gap, '.3g')} | {num(k / 4, 'g')} |" in table


def test_the_squareplus_fact_prints_the_gaps_to_softplus():
    table = text_of(FACTS["squareplus"]()[0])
    assert f"| 4 | 1.0000 | {num(mp.log(2), '.4f')} | {num(1 - mp.log(2), '.4f')} |" in table
    beta = 4 * mp.log(2) ** 2                          # squareplus(0) = √β/2 = ln 2 = softplus(0)
    gap = lambda t: squareplus_mp(t, beta=beta) - softplus_mp(t)
    at = mpmath.findroot(lambda t: mpmath.diff(gap, t), 3)
    assert f"| {num(beta, '.4g')} | {num(mp.log(2), '.4f')} | {num(mp.log(2), '.4f')} | {num(gap(at), '.4f')} | " \
           f"{num(at, '.2f')} |" in table


def test_the_tanhshrink_fact_prints_the_ratio_to_x_cubed_over_3():
    table = text_of(FACTS["tanhshrink"]()[0])
    for x in (0.01, 0.1, 0.5, 1.0, 3.0):
        t = mpf(x)
        assert f"| {num(x, 'g')} | {num(t - mp.tanh(t), '.4g')} | {num(t ** 3 / 3, '.4g')} | " \
               f"{num((t - mp.tanh(t)) / (t ** 3 / 3), '.5f')} | {num(mp.tanh(t) ** 2, '.4g')} |" in table


@pytest.mark.parametrize("fact", sorted(FACTS))
def test_each_fact_says_what_its_numbers_say_in_both_languages(fact):
    zh, en = re.fullmatch(r'<div lang="zh">\n\n(.*)\n\n</div>\n\n<div lang="en">\n\n(.*)\n\n</div>',
                          FACTS[fact]()[-1].data, re.S).groups()
    assert CJK.search(zh) and not CJK.search(en)
    numbers = sorted(re.findall(r"\d+\.\d+", zh))
    assert numbers and numbers == sorted(re.findall(r"\d+\.\d+", en)), "the two languages print other numbers"


# --------------------------------------------------------------------------- the notebook's house rules
def test_the_notebook_pairs_the_languages_and_opens_with_its_title():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert nb.cells[0].source == "# 参考手册 · Reference"
    problems = [f"cell {i}: {p}" for i, cell in enumerate(nb.cells) if cell.cell_type == "markdown"
                for p in style.markdown_cell_problems(cell.source)]
    assert not problems, "\n".join(problems)


def test_the_notebook_s_outputs_come_from_one_clean_run():
    style.test_outputs_come_from_one_clean_run(NOTEBOOK)
    style.test_no_cell_relies_on_a_trailing_semicolon(NOTEBOOK)


def test_the_notebook_prints_whole_tables_and_one_language_per_piece():
    style.test_printed_tables_keep_their_columns(NOTEBOOK)
    style.test_printed_text_keeps_the_languages_apart(NOTEBOOK)


def test_the_set_up_cell_hides_its_input():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    first = next(cell for cell in nb.cells if cell.cell_type == "code")
    assert "hide-input" in first.metadata.get("tags", []) and "from actlib import reference" in first.source
    assert all(FAMILY_CALL.match(c.source.strip()) for c in nb.cells if c.cell_type == "code" and c is not first)


def test_see_also_links_every_activation_of_the_families_to_its_entry():
    text = reference.see_also("exponential", "vector").data
    zh, en = text.split('<div lang="en">')
    for name in ("elu", "celu", "selu", "softmax", "glu"):
        act = actlib.get(name)
        assert f"[{act.name_zh}](#ref-{name.replace('_', '-')})" in zh
        assert f"[{act.name_en}](#ref-{name.replace('_', '-')})" in en
    assert "(#ref-relu)" not in text                       # relu is of the relu_like family


def test_see_also_needs_a_known_family():
    with pytest.raises(ValueError, match="see_also: give at least one family"):
        reference.see_also()
    with pytest.raises(ValueError, match="family must be one of"):
        reference.see_also("relu")
