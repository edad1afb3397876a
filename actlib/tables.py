"""Markdown tables and numbers for the chapters' printed output.

    from actlib.tables import num, table, framework_table
    display(table(["$x$", "$f(x)$"], [[num(x, "g"), num(f(x))] for x in xs]))

A cell may hold ``|`` (as in ``$\\log(|x| + 1)$``): :func:`table` escapes it, so the cell is not
split. Numbers carry a true minus sign (U+2212), never "−0", and ±∞ as "∞" / "−∞".

    display(property_table([actlib.relu, actlib.tanh]))        # act.properties, one row each
    framework_keyword(actlib.leaky_relu, "keras", "negative_slope")   # "0.3", from act.frameworks
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np

from .frameworks import forms, show

MINUS = "\N{MINUS SIGN}"
FRAMEWORKS = {"pytorch": "PyTorch", "keras": "Keras", "tensorflow": "TensorFlow", "jax": "JAX"}
_ALIGN = {"l": ":---", "c": ":---:", "r": "---:"}


def num(value, spec: str = ".3f") -> str:
    """``value`` formatted by ``spec``, with a true minus sign, no "−0", and ±∞ as "∞" / "−∞"."""
    value = float(value)
    if math.isinf(value):
        return "∞" if value > 0 else MINUS + "∞"
    text = format(value + 0.0, spec)
    if text.startswith("-") and not any(c in "123456789" for c in text.split("e")[0]):
        text = text[1:]                      # a negative number that rounds to zero
    return text.replace("-", MINUS)


def error(value, floor: float = 1e-13, spec: str = ".1e") -> str:
    """An error for a table by :func:`num`, or ``$<10^{-13}$`` below ``floor`` (a power of ten): the digits
    of an error at the level of rounding differ from one processor to another, its size does not."""
    if abs(float(value)) < floor:
        return f"$<10^{{{round(math.log10(floor))}}}$"
    return num(value, spec)


def mean_sd(values, spec: str = ".3f") -> str:
    """"mean ± sd" of ``values`` (the sample standard deviation, ddof = 1), each written by :func:`num`."""
    values = np.asarray(values, dtype=float)
    return f"{num(values.mean(), spec)} ± {num(values.std(ddof=1), spec)}"


def escape(cell) -> str:
    """A table cell's text: ``|`` escaped as ``\\|`` (one cell, not two); line breaks as ``<br>``."""
    return str(cell).replace("|", "\\|").replace("\n", "<br>")


def table(header: Sequence, rows: Iterable[Sequence], align: str | None = None):
    """A Markdown table (IPython ``Markdown``) of ``header`` and ``rows`` of cells.

    Every row has the header's number of cells. ``align`` has one letter per column, ``l``, ``c``
    or ``r``; by default the first column is left-aligned and the others right-aligned.
    """
    from IPython.display import Markdown

    width = len(header)
    align = align or "l" + "r" * (width - 1)
    if len(align) != width or set(align) - set(_ALIGN):
        raise ValueError(f"table(): align must have one of 'l', 'c', 'r' per column ({width}), got {align!r}")
    lines = [_line(header), "|" + "|".join(_ALIGN[a] for a in align) + "|"]
    for i, row in enumerate(rows):
        if len(row) != width:
            raise ValueError(f"table(): rows[{i}] has {len(row)} cells, the header has {width}")
        lines.append(_line(row))
    return Markdown("\n".join(lines))


def _line(cells) -> str:
    return "| " + " | ".join(escape(c) for c in cells) + " |"


def actlib_result(act, statement) -> str:
    """What actlib gives where a framework ``statement`` (a Differs) gives another result, as shown."""
    x = np.asarray(statement.x, dtype=statement.dtype or np.float64)
    value = act.grad(x) if statement.grad else act(x)
    return show(tuple(np.ravel(value).tolist()) if np.ndim(value) else float(value))


def framework_cell(act, framework: str) -> str:
    """``act``'s call forms in ``framework`` as code, one a line, then where actlib differs from them
    (``act.differences``: "f(−0) = −0, actlib: 0"); "—" where the framework has none."""
    lines = [f"`{form}`" for form in forms(act, framework)] or ["—"]
    lines += [f"{d}, actlib: {actlib_result(act, d)}" for d in act.differences if framework in d.keys]
    return "\n".join(lines)


def framework_table(acts: Iterable):
    """The names and defaults of ``acts`` in PyTorch, Keras, TensorFlow and JAX (``act.frameworks``),
    and where actlib deliberately differs (``act.differences``)."""
    return table(["actlib", *FRAMEWORKS.values()],
                 [[f"`{act.name}`", *(framework_cell(act, k) for k in FRAMEWORKS)] for act in acts],
                 align="l" * (len(FRAMEWORKS) + 1))


def framework_code(act, framework: str) -> str | None:
    """The first call form of ``act.frameworks[framework]`` (a layer before its function twin, a name
    before its alias); None where the framework has none."""
    found = forms(act, framework)
    return found[0].text if found else None


def framework_keyword(act, framework: str, *keywords: str) -> str | None:
    """The literal written for the first of ``keywords`` that a call form of ``act.frameworks[framework]``
    spells out (the forms in order), as text without quotes: ``framework_keyword(actlib.softplus,
    "pytorch", "threshold")`` is "20.0". None where the framework has no such function, or its forms
    write none of the keywords as a literal."""
    for form in forms(act, framework):
        for keyword in keywords:
            if keyword in form.keywords:
                return str(form.keywords[keyword])
    return None


def frameworks_with(act) -> list[str]:
    """The names (PyTorch, Keras, …) of the frameworks that have ``act`` ready-made."""
    return [label for key, label in FRAMEWORKS.items() if framework_code(act, key) is not None]


# --------------------------------------------------------------------------- property tables
def tick(flag: bool) -> str:
    """A yes/no table cell: ✓ or ·."""
    return "✓" if flag else "·"


def smoothness(k: float) -> str:
    """The continuity order k of ``act.properties`` as a cell: $C^k$, $C^\\infty$, or a jump (k = −1)."""
    if k == -1:
        return "跳变 · jump"
    return r"$C^\infty$" if k == math.inf else f"$C^{{{k:g}}}$"


PROPERTY_COLUMNS = (  # header, the cell read from act.properties
    ("inf f", lambda p: num(p.range[0], ".4g")),
    ("sup f", lambda p: num(p.range[1], ".4g")),
    ("有界<br>bounded", lambda p: p.bounded),
    ("单调<br>monotonic", lambda p: p.monotonic),
    ("光滑度<br>continuity", lambda p: smoothness(p.continuity)),
    ("零中心<br>zero-centred", lambda p: p.zero_centred),
    ("左饱和<br>sat. left", lambda p: p.saturating_left),
    ("右饱和<br>sat. right", lambda p: p.saturating_right),
    ("稀疏<br>sparse", lambda p: p.sparse),
    ("原点处恒等<br>identity near 0", lambda p: p.identity_near_zero),
)


def property_table(acts: Iterable, totals: bool = False):
    """The shape facts of the elementwise ``acts`` (``act.properties``), one row each, ✓ or · for
    yes and no. ``totals`` adds a last row: the ticks of each yes/no column, and how many are C^∞."""
    acts = list(acts)
    rows = [[f"`{act.name}`", *(_cell(read(act.properties)) for _, read in PROPERTY_COLUMNS)] for act in acts]
    if totals:
        last = []
        for header, read in PROPERTY_COLUMNS:
            values = [read(act.properties) for act in acts]
            if all(isinstance(v, bool) for v in values):
                last.append(f"**{sum(values)}**")
            elif header.startswith("光滑度"):
                last.append(rf"**{sum(act.properties.continuity == math.inf for act in acts)}** × $C^\infty$")
            else:
                last.append("")
        rows.append([f"**合计** ({len(acts)}) · **total** ({len(acts)})", *last])
    return table(["函数 · function", *(h for h, _ in PROPERTY_COLUMNS)], rows,
                 align="lrr" + "c" * (len(PROPERTY_COLUMNS) - 2))


def _cell(value) -> str:
    return tick(value) if isinstance(value, bool) else value
