"""Figures for the book, and the CJK font that lets Chinese labels render in them.

The chapters call :func:`book_figures` once: line plots become SVG (small, sharp at any zoom,
text drawn as paths); a figure made of photographs goes through :func:`show_png` instead.

The font is Noto Sans CJK SC (SIL Open Font License), shipped by the ``noto-cjk-sans-otc``
package, so figures render the same on a fresh machine, in Binder and in CI. Latin text and
math stay in matplotlib's default font; only glyphs it lacks fall back to Noto.

A label that contains ``$…$`` is laid out entirely by mathtext, whose fonts have no fallback:
keep Chinese out of such labels (put it in a separate title, legend entry or text), or the
glyphs come out as boxes with a "does not have a glyph" warning.
"""

from __future__ import annotations

import io
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


def book_figures() -> None:
    """The chapters' figure set-up: the CJK font, and inline figures as SVG that is the same on
    every run and needs no font in the browser (text as paths, a fixed hash salt for the element
    ids, no date in the metadata). Outside IPython only the rcParams are set."""
    use_cjk_font()
    matplotlib.rcParams["svg.fonttype"] = "path"
    matplotlib.rcParams["svg.hashsalt"] = "actlib"
    from IPython import get_ipython

    if get_ipython() is not None:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("svg", metadata={"Date": None})


def show_png(fig, dpi: int = 100) -> None:
    """Display ``fig`` as an optimised PNG at 1× (``dpi`` pixels per figure inch) and close it.

    For figures made of photographs, which an SVG would only wrap as an embedded raster.
    """
    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", pil_kwargs={"optimize": True})
    plt.close(fig)
    display(Image(buffer.getvalue()))
