"""What the chapters' cells print in both languages, and their formulas.

In the HTML book an element marked ``lang="zh"`` or ``lang="en"`` shows only in its language
(both in 双语; DESIGN.md §5), so a printed sentence is written twice, once per language; Jupyter
shows both.

    from actlib.display import blocks, formulas, spans, tex
    display(blocks(f"核对了 **{n}** 条说法。", f"Checked **{n}** claims."))
    display(Markdown(f"{spans('合计', 'total')}: {n}"))
    formulas(actlib.relu)                       # name, f(x) and f′(x)
    display(Math(rf"\\sigma(10) = {tex(actlib.sigmoid(10.0))}"))
"""

from __future__ import annotations

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
