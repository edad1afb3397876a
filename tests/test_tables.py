"""actlib.tables: the chapters' Markdown tables and numbers.

The tables are read back with markdown-it (the parser MyST uses, GFM tables on), so a cell that
the helper fails to escape shows up as a split or shifted cell, as it would in the book.
"""

import math
import re
import statistics

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

import actlib
from types import SimpleNamespace

from actlib.tables import (error, framework_code, framework_keyword, framework_table, frameworks_with, mean_sd, num,
                            property_table, smoothness, table, tick)

PARSER = MarkdownIt("commonmark").enable("table").use(dollarmath_plugin)


def cells(markdown: str) -> list[list[str]]:
    """The rendered table as rows of cell HTML (header first)."""
    html = PARSER.render(markdown)
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)]


def test_a_pipe_in_a_cell_stays_in_its_cell():
    md = table(["$f$", "$[-1, 0]$", "$[0, 1]$"],
               [[r"$\log(|x| + 1)$", "0.693", "0.693"], ["`a | b`", "1", "2"]]).data
    rows = cells(md)
    assert rows[1] == ['<span class="math inline">\\log(|x| + 1)</span>', "0.693", "0.693"]
    assert rows[2][0] == "<code>a | b</code>"


def test_every_row_has_the_header_s_number_of_cells():
    md = table(["a", "b", "c"], [["1", "2", "3"], ["|x|", "", "y | z"]]).data
    lines = md.splitlines()
    separators = [len(re.findall(r"(?<!\\)\|", line)) for line in lines]
    assert separators == [4] * len(lines)
    assert [len(r) for r in cells(md)] == [3, 3, 3]


@pytest.mark.parametrize("row", [["1", "2"], ["1", "2", "3", "4"]])
def test_a_row_of_the_wrong_length_is_refused(row):
    with pytest.raises(ValueError, match=r"table\(\): rows\[1\] has \d cells, the header has 3"):
        table(["a", "b", "c"], [["1", "2", "3"], row])


def test_alignment_letters():
    assert table(["a", "b", "c"], [], align="lcr").data.splitlines()[1] == "|:---|:---:|---:|"
    assert table(["a", "b"], []).data.splitlines()[1] == "|:---|---:|"
    with pytest.raises(ValueError, match=r"table\(\): align"):
        table(["a", "b"], [], align="lx")


@pytest.mark.parametrize(("value", "spec", "text"), [
    (-1.5, ".3f", "\u22121.500"), (2.0, "+g", "+2"), (-2.0, "+g", "\u22122"),
    (-0.0, "g", "0"), (-0.0001, ".3f", "0.000"), (-1e-5, ".1e", "\u22121.0e\u221205"),
    (float("inf"), "g", "∞"), (float("-inf"), ".3f", "\u2212∞"), (0.25, ".0%", "25%"),
])
def test_num_writes_a_true_minus_sign_and_no_negative_zero(value, spec, text):
    assert num(value, spec) == text


@pytest.mark.parametrize(("value", "floor", "text"), [
    (5.0e-15, 1e-13, "$<10^{-13}$"), (0.0, 1e-13, "$<10^{-13}$"), (-2e-16, 1e-13, "$<10^{-13}$"),
    (2.2e-5, 1e-13, "2.2e−05"), (0.59, 1e-13, "5.9e−01"), (3e-9, 1e-8, "$<10^{-8}$"), (1e-13, 1e-13, "1.0e−13"),
])
def test_error_writes_rounding_noise_as_a_bound(value, floor, text):
    assert error(value, floor) == text


def test_framework_table_has_a_row_per_activation_and_a_column_per_framework():
    acts = [actlib.relu, actlib.gelu, actlib.leaky_relu]
    rows = cells(framework_table(acts).data)
    assert rows[0] == ["actlib", "PyTorch", "Keras", "TensorFlow", "JAX"]
    assert [r[0] for r in rows[1:]] == [f"<code>{a.name}</code>" for a in acts]
    assert all(len(r) == 5 for r in rows)
    torch_relu = actlib.relu.frameworks["pytorch"].partition("#")[0].strip()
    assert rows[1][1].startswith(f"<code>{torch_relu}</code>")


def fake(**frameworks):
    """An activation stand-in with only what the helpers read: a name, no parameters, the frameworks."""
    return SimpleNamespace(name="fake", defaults={}, differences=(),
                           frameworks={"pytorch": "none", "keras": "none", "tensorflow": "none", "jax": "none"} | frameworks)


def test_framework_keyword_reads_the_value_written_in_the_call_forms():
    act = fake(pytorch="torch.nn.Softplus(beta=1.0, threshold=20.0)",
               jax="jax.nn.gelu(x, approximate=True)",
               keras=("keras.layers.PReLU(alpha_initializer='zeros')", "keras.layers.LeakyReLU(negative_slope=0.3)"),
               tensorflow="tf.nn.leaky_relu(features, alpha=0.2)")
    assert framework_keyword(act, "pytorch", "threshold") == "20.0"
    assert framework_keyword(act, "pytorch", "beta") == "1.0"
    assert framework_keyword(act, "jax", "approximate") == "True"
    assert framework_keyword(act, "keras", "alpha_initializer") == "zeros"            # quotes removed
    assert framework_keyword(act, "keras", "negative_slope") == "0.3"                 # the second form
    assert framework_keyword(act, "tensorflow", "negative_slope", "alpha") == "0.2"   # the first one spelt
    assert framework_keyword(act, "keras", "alpha") is None                           # alpha_initializer is not alpha
    assert framework_keyword(act, "pytorch", "lambd") is None


def test_framework_code_is_the_first_form_and_none_means_no_function():
    act = fake(jax=("jax.nn.silu", "jax.nn.swish"))
    assert framework_code(act, "jax") == "jax.nn.silu"
    assert framework_code(act, "pytorch") is None and framework_keyword(act, "pytorch", "x") is None
    assert frameworks_with(act) == ["JAX"]


def test_the_registry_spells_out_the_defaults_the_frameworks_document():
    # PyTorch LeakyReLU 0.01, Keras 3 LeakyReLU layer 0.3, tf.nn.leaky_relu 0.2; JAX's gelu defaults
    # to the tanh form, PyTorch's to the exact one (the frameworks' documentation; DESIGN.md §3).
    slopes = {k: framework_keyword(actlib.leaky_relu, k, "negative_slope", "alpha") for k in ("pytorch", "keras", "tensorflow")}
    assert {k: float(v) for k, v in slopes.items()} == {"pytorch": 0.01, "keras": 0.3, "tensorflow": 0.2}
    assert framework_keyword(actlib.gelu, "jax", "approximate") == "True"
    assert framework_keyword(actlib.gelu, "pytorch", "approximate") == "none"


def test_smoothness_and_tick_cells():
    assert [smoothness(k) for k in (-1, 0, 1, math.inf)] == ["跳变 · jump", "$C^{0}$", "$C^{1}$", r"$C^\infty$"]
    assert (tick(True), tick(False)) == ("✓", "·")


def test_property_table_states_the_textbook_facts_and_counts_them():
    # ReLU: [0, ∞), monotonic, C^0, sparse, left-saturating; tanh: (−1, 1), odd, C^∞, identity near 0.
    rows = cells(property_table([actlib.relu, actlib.tanh], totals=True).data)
    header = [re.sub(r"<br\s*/?>", " ", h) for h in rows[0]]
    relu, tanh, total = (dict(zip(header, row)) for row in rows[1:])
    assert relu["inf f"] == "0" and relu["sup f"] == "∞" and tanh["inf f"] == "\u22121" and tanh["sup f"] == "1"
    assert (relu["有界 bounded"], tanh["有界 bounded"]) == ("·", "✓")
    assert (relu["零中心 zero-centred"], tanh["零中心 zero-centred"]) == ("·", "✓")
    assert (relu["稀疏 sparse"], tanh["稀疏 sparse"]) == ("✓", "·")
    assert (relu["原点处恒等 identity near 0"], tanh["原点处恒等 identity near 0"]) == ("·", "✓")
    assert "C^{0}" in relu["光滑度 continuity"] and "C^\\infty" in tanh["光滑度 continuity"]
    assert total["单调 monotonic"] == "<strong>2</strong>" and total["零中心 zero-centred"] == "<strong>1</strong>"
    assert total["光滑度 continuity"].startswith("<strong>1</strong> ×") and total["inf f"] == ""


def test_mean_sd_gives_the_sample_standard_deviation():
    values = [0.91, 0.93, 0.96, 0.90, 0.95]
    want = f"{statistics.mean(values):.1%} ± {statistics.stdev(values):.1%}"
    assert mean_sd(values, ".1%") == want == "93.0% ± 2.5%"
    assert mean_sd([-1.0, -3.0], ".2f") == "−2.00 ± 1.41"
