"""What the chapters print and draw, as a reader of the built book sees it.

Every page: each table's rows have as many cells as its header; once MathJax has typeset the page,
no visible text outside code holds raw TeX (``$…$``, ``\\(``, ``\\frac``, ``\\log(`` …), with both
languages shown and every ``<details>`` (the exercise solutions) opened. Every figure of a chapter
has an alt text "中文 · English" that says what it shows, in both halves.
"""

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import actlib
import pytest
from actlib.reference import anchor

from book import built_pages, toc_pages

PAGES = [*toc_pages(), "search", "genindex"]
ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = [p for p in toc_pages() if p.startswith("chapters/")]
CJK = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")

# A dollar sign, a TeX delimiter \( \) \[ \] or a TeX command (\frac, \log, \mathbf …) in prose.
RAW_TEX = r"\$|\\[()\[\]]|\\[A-Za-z]{2,}"

VISIBLE_TEXT = """(pattern) => {
    document.querySelectorAll('details').forEach(d => { d.open = true; });
    const skip = 'code, pre, script, style, mjx-container, mjx-assistive-mml, .MathJax, textarea';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const hits = [], re = new RegExp(pattern);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || el.closest(skip) || !re.test(node.textContent)) continue;
        if (el.getClientRects().length === 0) continue;        // not drawn (hidden)
        hits.push(node.textContent.trim().slice(0, 80));
    }
    return hits;
}"""

TABLE_SHAPES = """() => Array.from(document.querySelectorAll('table')).map(table => {
    const width = row => Array.from(row.cells).reduce((n, c) => n + (c.colSpan || 1), 0);
    const rows = Array.from(table.rows);
    return {head: rows.length ? width(rows[0]) : 0, widths: rows.slice(1).map(width),
            text: (rows[0] ? rows[0].innerText : '').slice(0, 60)};
})"""


@pytest.mark.parametrize("path", PAGES)
def test_every_table_row_has_the_header_s_cells(visit, path):
    page = visit().open(f"{path}.html?lang=both")
    problems = [f"table '{t['text']}': header {t['head']} cells, rows {t['widths']}"
                for t in page.evaluate(TABLE_SHAPES) if any(w != t["head"] for w in t["widths"])]
    assert not problems, f"{path}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", PAGES)
def test_no_visible_raw_tex_after_typesetting(visit, path):
    page = visit().open(f"{path}.html?lang=both")
    hits = page.evaluate(VISIBLE_TEXT, RAW_TEX)
    assert not hits, f"{path}: raw TeX shows in {len(hits)} text nodes:\n" + "\n".join(hits[:20])


def test_raw_tex_pattern_catches_what_it_should():
    for text in ("$\\log(", "\\frac{1}{2}", "\\(x\\)", "a $x$ b", "\\mathbf{w}"):
        assert re.search(RAW_TEX, text), text
    for text in ("|x| + 1", "σ′(x) = 0.25", "ReLU(x)", "C:\\ a"):
        assert not re.search(RAW_TEX, text), text


class Images(HTMLParser):
    """The (src, alt) of every <img> inside the page's <main>."""

    def __init__(self):
        super().__init__()
        self.depth, self.found = 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        elif tag == "img" and self.depth:
            attrs = dict(attrs)
            self.found.append((attrs.get("src", ""), attrs.get("alt") or ""))

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1


def alt_problem(src: str, alt: str) -> str | None:
    """Why ``alt`` is not a short "中文 · English" description of the figure, or None."""
    halves = alt.split(" · ")
    if len(halves) != 2:
        return f"{src}: alt {alt!r} is not 'zh · en'"
    zh, en = (h.strip() for h in halves)
    if not CJK.search(zh):
        return f"{src}: the Chinese half of {alt!r} has no Chinese"
    if not en or CJK.search(en) or len(LATIN.findall(en)) < 10:
        return f"{src}: the English half of {alt!r} is not English prose"
    if re.search(r"_images|\.(?:png|svg|jpe?g)\b|^\.{0,2}/", alt):
        return f"{src}: alt {alt!r} looks like a path"
    return None


def test_alt_problem_rejects_paths_and_single_languages():
    assert alt_problem("a.svg", "Sigmoid 与 tanh 的曲线 · The sigmoid and tanh curves") is None
    for alt in ("../_images/abc.svg", "The sigmoid and tanh curves", "曲线 · ", "曲线 · 曲线图像",
                "曲线 · The curves · again", "_images/a.png · _images/a.png"):
        assert alt_problem("a.svg", alt), alt


@pytest.mark.parametrize("path", CHAPTERS)
def test_every_figure_has_a_bilingual_alt_text(html_dir, path):
    parser = Images()
    parser.feed((html_dir / f"{path}.html").read_text(encoding="utf-8"))
    figures = [(src, alt) for src, alt in parser.found if "_images/" in src]
    problems = [p for src, alt in figures if (p := alt_problem(src, alt))]
    assert not problems, f"{path}: {len(problems)} of {len(figures)} figures:\n" + "\n".join(problems)


def test_the_reference_page_has_an_entry_for_every_activation(html_dir):
    """appendix/reference.html: one heading per registered activation, its id the entry's anchor, with the
    actlib name below it, and one static explorer per elementwise activation."""
    page = (html_dir / "appendix" / "reference.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h3 id="(ref-[a-z0-9-]+)">', page)
    assert sorted(headings) == sorted(anchor(n) for n in actlib.names()), "an entry is missing or shown twice"
    missing = [n for n in actlib.names() if f"<code>actlib.{n}</code>" not in page]
    assert not missing, f"no actlib name shown for {missing}"
    elementwise = [n for n in actlib.names() if isinstance(actlib.get(n), actlib.Activation)]
    assert page.count('data-actlib-explorer="1"') == len(elementwise)


def test_every_link_to_a_reference_entry_finds_it(html_dir):
    """A link to an entry (``{ref}`ref-relu``` or ``[…](#ref-relu)``, on any page) names an id the page has."""
    reference = (html_dir / "appendix" / "reference.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'id="(ref-[a-z0-9-]+)"', reference))
    link = re.compile(r'href="(?:[^"#]*reference\.html)?#(ref-[\w-]+)"')
    links = [(page.relative_to(html_dir), target) for page in built_pages(html_dir)
             for target in link.findall(page.read_text(encoding="utf-8"))]
    assert links, "no page links to a reference entry"
    broken = [f"{page}: #{target}" for page, target in links if target not in ids]
    assert not broken, "links to entries the reference does not have:\n" + "\n".join(broken)


HEADING = re.compile(r"^#{1,3} (?:(?:[A-Z]|\d+)(?:\.\d+)*\s+)?(\S[^\n]*?) · ([^\n]+)$", re.M)
PLAIN = re.compile(r"^[A-Za-z0-9 ,:;'()/\-–]+$")         # no markup that would change the built text


def _source_text(path: str) -> str:
    notebook = ROOT / f"{path}.ipynb"
    if notebook.exists():
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return (ROOT / f"{path}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", toc_pages())
def test_the_english_half_of_a_heading_keeps_every_word(html_dir, path):
    """"1.2 神经元：加权和加激活 · A neuron: …" shows "A neuron: …" in English, not "neuron: …" (a
    capital letter and a space at the start of the English half are words, not a section number)."""
    built = html.unescape((html_dir / f"{path}.html").read_text(encoding="utf-8"))
    halves = [en for _, en in HEADING.findall(_source_text(path)) if PLAIN.match(en)]
    missing = [en for en in halves if f'<span lang="en">{en}</span>' not in built]
    assert not missing, f"{path}: English heading halves shown otherwise: {missing}"
