"""What the chapters' cells print in both languages, and their formulas.

In the HTML book an element marked ``lang="zh"`` or ``lang="en"`` shows only in its language
(both in 双语; DESIGN.md §5), so a printed sentence is written twice, once per language; Jupyter
shows both.

    from actlib.display import (blocks, formulas, misconception, solution, spans, tex, tex_matrix, tex_order,
                                tex_sci, tex_vector)
    display(blocks(f"核对了 **{n}** 条说法。", f"Checked **{n}** claims."))
    display(solution(f"$h = {h}$。", f"$h = {h}$."))   # an exercise's folded answer
    display(misconception("……", "…", "……", "…"))     # a folded common-misconception box
    display(Markdown(f"{spans('合计', 'total')}: {n}"))
    formulas(actlib.relu)                       # name, f(x) and f′(x)
    display(Math(rf"\\sigma(10) = {tex(actlib.sigmoid(10.0))}"))
    display(Math(rf"p = {tex_vector(actlib.softmax([2.0, 1.0, 0.0]))}"))
    display(Math(rf"e = {tex_sci(1e-7)},\\ W = {tex_matrix(W)}"))   # 1.00 × 10⁻⁷, a bmatrix
    display(Math(rf"|g - g_{{fd}}| \\approx {tex_order(8.4e-11)}"))   # 10⁻¹⁰: a rounding error's size
"""

from __future__ import annotations

import math

from .tables import num

# The separator between the two halves, shown only when both languages are (_static/language.css);
# no-break spaces, so that it is not read as a "中文 · English" text to split (_ext/bilingual.py).
SEPARATOR = '<span class="bl-sep" aria-hidden="true">&nbsp;·&nbsp;</span>'


def spans(zh: str, en: str) -> str:
    """Inline Markdown: ``zh`` and ``en`` each in a ``<span lang>``, with the 双语 separator between."""
    return f'<span lang="zh">{zh}</span>{SEPARATOR}<span lang="en">{en}</span>'


def blocks(zh: str, en: str):
    """A printed paragraph or list (Markdown) in both languages: one ``<div lang>`` block each."""
    from IPython.display import Markdown

    return Markdown(f'<div lang="zh">\n\n{zh}\n\n</div>\n\n<div lang="en">\n\n{en}\n\n</div>')


def solution(zh: str, en: str):
    """An exercise's solution in both languages, folded (``<details>``) under 答案 and Solution, so
    that the numbers a cell computes for it stay hidden until the reader opens it."""
    return blocks(f"<details><summary>答案</summary>\n\n{zh}\n\n</details>",
                  f"<details><summary>Solution</summary>\n\n{en}\n\n</details>")


def misconception(claim_zh: str, claim_en: str, zh: str, en: str):
    """A folded “常见误解 · Common misconception” box in both languages: the claim as its title, the
    computed refutation inside (``<details>``, like :func:`solution`)."""
    return blocks(f"<details><summary>常见误解：{claim_zh}</summary>\n\n{zh}\n\n</details>",
                  f"<details><summary>Common misconception: {claim_en}</summary>\n\n{en}\n\n</details>")


def formulas(*acts) -> None:
    """Display each activation's name in bold, then ``act.latex`` and ``act.grad_latex``."""
    from IPython.display import Markdown, Math, display

    for act in acts:
        display(Markdown(spans(f"**{act.name_zh}**", f"**{act.name_en}**")),
                Math(act.latex), Math(act.grad_latex))


def tex(value, digits: int = 4) -> str:
    """A number for a LaTeX formula to ``digits`` significant digits: 1.5e-07 as ``1.5 \\times 10^{-7}``,
    ±∞ as ``\\infty``."""
    text = f"{float(value):.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return rf"{mantissa} \times 10^{{{int(exponent)}}}"
    return text.replace("inf", r"\infty")


def tex_order(value) -> str:
    """The order of magnitude of ``value`` for a LaTeX formula, ``10^{-10}`` for 8.4e-11 (the nearest power
    of ten on a log scale), 0 for 0: for a rounding error, whose digits differ from one processor to another."""
    if float(value) == 0:
        return "0"
    return rf"10^{{{round(math.log10(abs(float(value))))}}}"


def tex_vector(values, digits: int = 4) -> str:
    """A vector for a LaTeX formula, each entry by :func:`tex`: ``(0.6652,\\ 0.2447,\\ 0.09003)``;
    NaN as ``\\text{NaN}``."""
    import numpy as np

    return "(" + r",\ ".join(tex(v, digits).replace("nan", r"\text{NaN}") for v in np.ravel(values)) + ")"


def tex_sci(value, digits: int = 3) -> str:
    """``value`` for LaTeX in scientific notation with ``digits`` significant digits, always with
    its power of ten: 0.211 as ``2.11 \\times 10^{-1}``, 1 as ``1.00 \\times 10^{0}``."""
    mantissa, exponent = f"{float(value):.{digits - 1}e}".split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


def tex_matrix(rows, spec: str = ".3f") -> str:
    """A matrix (or a column, given as rows of one) for LaTeX, ``\\begin{bmatrix} … \\end{bmatrix}``,
    each entry formatted by :func:`actlib.tables.num` with ``spec``."""
    body = r" \\ ".join(" & ".join(num(v, spec) for v in row) for row in rows)
    return r"\begin{bmatrix}" + body + r"\end{bmatrix}"
