"""actlib.display: printed text in both languages, one language-marked piece each, and formulas.

The Markdown is read back with markdown-it (the parser MyST uses), so Markdown inside a language
piece must still be Markdown (bold, code, math), as it is in the book.
"""

import re

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

import actlib
from actlib.display import blocks, formulas, spans, tex

PARSER = MarkdownIt("commonmark").use(dollarmath_plugin)


def test_spans_mark_each_language_and_keep_the_markdown_inside():
    html = PARSER.render(spans("合计 **3** 个", "`relu`: 3 in all"))
    assert html == ('<p><span lang="zh">合计 <strong>3</strong> 个</span>'
                    '<span class="bl-sep" aria-hidden="true">\u00a0·\u00a0</span>'   # not " · ", not split again
                    '<span lang="en"><code>relu</code>: 3 in all</span></p>\n')


def test_blocks_are_one_div_per_language_in_one_paragraph_or_list_each():
    html = PARSER.render(blocks("- 有界：$x$\n- 单调", "- bounded: $x$\n- monotonic").data)
    chinese, english = re.findall(r'<div lang="(zh|en)">(.*?)</div>', html, re.S)
    assert chinese[0] == "zh" and english[0] == "en"
    assert re.findall(r"<li>(.*?)</li>", chinese[1]) == ['有界：<span class="math inline">x</span>', "单调"]
    assert re.findall(r"<li>(.*?)</li>", english[1]) == ['bounded: <span class="math inline">x</span>', "monotonic"]


def test_formulas_show_the_name_in_each_language_then_f_and_its_derivative(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *objs: shown.extend(objs))
    formulas(actlib.relu, actlib.tanh)
    assert [type(o).__name__ for o in shown] == ["Markdown", "Math", "Math"] * 2
    name, f, df = (o._repr_markdown_() if hasattr(o, "_repr_markdown_") else o._repr_latex_() for o in shown[3:])
    assert name == spans(f"**{actlib.tanh.name_zh}**", f"**{actlib.tanh.name_en}**")
    assert f == f"$\\displaystyle {actlib.tanh.latex}$" and df == f"$\\displaystyle {actlib.tanh.grad_latex}$"


@pytest.mark.parametrize(("value", "digits", "text"), [
    (0.6931471805599453, 6, "0.693147"), (1.5e-7, 4, r"1.5 \times 10^{-7}"), (-2.5e12, 3, r"-2.5 \times 10^{12}"),
    (709.782712893384, 6, "709.783"), (float("inf"), 4, r"\infty"), (float("-inf"), 4, r"-\infty"), (3, 4, "3"),
])
def test_tex_writes_powers_of_ten_and_infinity_in_latex(value, digits, text):
    assert tex(value, digits) == text
