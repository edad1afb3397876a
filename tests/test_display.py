"""actlib.display: printed text in both languages, one language-marked piece each, and formulas.

The Markdown is read back with markdown-it (the parser MyST uses), so Markdown inside a language
piece must still be Markdown (bold, code, math), as it is in the book.
"""

import re

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

import actlib
from actlib.display import blocks, formulas, misconception, solution, spans, tex, tex_vector, tex_matrix, tex_order, tex_sci

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


def test_a_solution_is_folded_in_each_language_with_its_markdown_inside():
    html = PARSER.render(solution("$h = 2731$，多 **0.03%**。", "$h = 2731$, **0.03%** more.").data)
    chinese, english = re.findall(r'<div lang="(?:zh|en)">(.*?)</div>', html, re.S)
    for body, summary, text in ((chinese, "答案", "多 <strong>0.03%</strong>"), (english, "Solution", "<strong>0.03%</strong> more")):
        assert body.strip().startswith(f"<details><summary>{summary}</summary>")
        assert body.strip().endswith("</details>")
        assert '<span class="math inline">h = 2731</span>' in body and text in body


def test_a_misconception_box_is_folded_under_its_claim_in_each_language():
    html = PARSER.render(misconception("导数恒为正", "the derivative is always positive",
                                       "$f'(-2) < 0$。", "$f'(-2) < 0$.").data)
    chinese, english = re.findall(r'<div lang="(?:zh|en)">(.*?)</div>', html, re.S)
    for body, summary in ((chinese, "常见误解：导数恒为正"), (english, "Common misconception: the derivative is always positive")):
        assert body.strip().startswith(f"<details><summary>{summary}</summary>") and body.strip().endswith("</details>")
        assert "<span class=\"math inline\">f'(-2) &lt; 0</span>" in body


@pytest.mark.parametrize(("value", "digits", "text"), [
    (0.21134, 3, r"2.11 \times 10^{-1}"), (1.0, 3, r"1.00 \times 10^{0}"), (3.0105e-4, 3, r"3.01 \times 10^{-4}"),
    (-2.5e12, 2, r"-2.5 \times 10^{12}"), (9.996, 3, r"1.00 \times 10^{1}"),
])
def test_tex_sci_always_writes_the_power_of_ten(value, digits, text):
    assert tex_sci(value, digits) == text


@pytest.mark.parametrize(("value", "text"), [
    (8.4e-11, "10^{-10}"), (7.4e-11, "10^{-10}"), (1.5e-10, "10^{-10}"), (2.9e-11, "10^{-11}"), (-3e-4, "10^{-4}"),
    (1.0, "10^{0}"), (40.0, "10^{2}"), (0.0, "0"),
])
def test_tex_order_is_the_nearest_power_of_ten_on_a_log_scale(value, text):
    assert tex_order(value) == text          # 10^-10.5 ≈ 3.16e-11 divides 10^-10 from 10^-11


def test_tex_matrix_is_a_bmatrix_of_rows_with_true_minus_signs():
    assert tex_matrix([[1.5, -0.25], [0, 2]]) == r"\begin{bmatrix}1.500 & −0.250 \\ 0.000 & 2.000\end{bmatrix}"
    assert tex_matrix([[1], [-2]], ".1f") == r"\begin{bmatrix}1.0 \\ −2.0\end{bmatrix}"


def test_tex_vector_writes_each_entry_as_tex_does():
    # softmax(2, 1, 0) = e^{2, 1, 0} / (e² + e + 1): 0.66524…, 0.24473…, 0.09003…
    assert tex_vector([0.6652409557748219, 0.24472847105479764, 0.09003057317038046]) == r"(0.6652,\ 0.2447,\ 0.09003)"
    assert tex_vector([[2.5e-12, -1.0]], 2) == r"(2.5 \times 10^{-12},\ -1)"
    assert tex_vector([float("nan"), float("-inf")]) == r"(\text{NaN},\ -\infty)"
