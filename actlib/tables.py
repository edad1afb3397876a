"""Markdown tables and numbers for the chapters' printed output.

    from actlib.tables import num, table, framework_table
    display(table(["$x$", "$f(x)$"], [[num(x, "g"), num(f(x))] for x in xs]))

A cell may hold ``|`` (as in ``$\\log(|x| + 1)$``): :func:`table` escapes it, so the cell is not
split. Numbers carry a true minus sign (U+2212), never "−0", and ±∞ as "∞" / "−∞".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

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


def framework_cell(spec: str) -> str:
    """A framework's spelling as code, with its comment (after ``#``) on a second line; "—" for none."""
    code, _, note = (part.strip() for part in spec.partition("#"))
    shown = "—" if code == "none" else f"`{code}`"
    return f"{shown}\n`# {note}`" if note else shown


def framework_table(acts: Iterable):
    """The names and defaults of ``acts`` in PyTorch, Keras, TensorFlow and JAX (``act.frameworks``)."""
    return table(["actlib", *FRAMEWORKS.values()],
                 [[f"`{act.name}`", *(framework_cell(act.frameworks[k]) for k in FRAMEWORKS)] for act in acts],
                 align="l" * (len(FRAMEWORKS) + 1))
