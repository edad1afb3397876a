"""Figures for the book, and the CJK font that lets Chinese labels render in them.

The font is Noto Sans CJK SC (SIL Open Font License), shipped by the ``noto-cjk-sans-otc``
package, so figures render the same on a fresh machine, in Binder and in CI. Latin text and
math stay in matplotlib's default font; only glyphs it lacks fall back to Noto.

A label that contains ``$…$`` is laid out entirely by mathtext, whose fonts have no fallback:
keep Chinese out of such labels (put it in a separate title, legend entry or text), or the
glyphs come out as boxes with a "does not have a glyph" warning.
"""

from __future__ import annotations

from importlib import resources

import matplotlib
from matplotlib import font_manager

CJK_FAMILY = "Noto Sans CJK SC"


def use_cjk_font() -> None:
    """Register Noto Sans CJK SC once and put it after DejaVu Sans in ``font.family``."""
    if not any(f.name == CJK_FAMILY for f in font_manager.fontManager.ttflist):
        path = resources.files("noto_cjk_sans_otc") / "NotoSansCJK-Regular.ttc"
        font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams["font.family"] = ["DejaVu Sans", CJK_FAMILY]
    matplotlib.rcParams["axes.unicode_minus"] = True
