"""actlib.tables: the chapters' Markdown tables and numbers.

The tables are read back with markdown-it (the parser MyST uses, GFM tables on), so a cell that
the helper fails to escape shows up as a split or shifted cell, as it would in the book.
"""

import re

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

import actlib
from actlib.tables import framework_table, num, table

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


def test_framework_table_has_a_row_per_activation_and_a_column_per_framework():
    acts = [actlib.relu, actlib.gelu, actlib.leaky_relu]
    rows = cells(framework_table(acts).data)
    assert rows[0] == ["actlib", "PyTorch", "Keras", "TensorFlow", "JAX"]
    assert [r[0] for r in rows[1:]] == [f"<code>{a.name}</code>" for a in acts]
    assert all(len(r) == 5 for r in rows)
    torch_relu = actlib.relu.frameworks["pytorch"].partition("#")[0].strip()
    assert rows[1][1].startswith(f"<code>{torch_relu}</code>")
