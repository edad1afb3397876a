"""A font cut down to some characters, saved as WOFF2 (fontTools), the same bytes on every build."""

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont


def built_pages(outdir: Path) -> list[Path]:
    """The built HTML pages, whose text a subset must cover (the theme's fragments in _static left out)."""
    return sorted(p for p in outdir.rglob("*.html") if "_static" not in p.relative_to(outdir).parts)


def save_woff2(source: Path, characters: set[int], out: Path, font_number: int = -1, **options) -> None:
    """Write ``source`` (face ``font_number`` of a collection), reduced to ``characters``, to ``out``.

    ``options`` are fontTools subsetter options (e.g. ``hinting=False``). The font's timestamp is kept,
    so that two builds write the same bytes.
    """
    with TTFont(source, fontNumber=font_number, recalcTimestamp=False, lazy=True) as font:
        subsetter = subset.Subsetter(subset.Options(flavor="woff2", **options))
        subsetter.populate(unicodes=characters)
        subsetter.subset(font)
        font.flavor = "woff2"
        out.parent.mkdir(parents=True, exist_ok=True)
        font.save(out)
