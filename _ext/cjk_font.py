"""Sphinx extension: Chinese text reads on a machine with no CJK font.

When the build has finished, the characters of the CJK blocks that the book uses (in every built
page and in the book's own scripts, which hold a few labels) are cut out of Noto Sans CJK SC (SIL
Open Font License 1.1; the SC face of the noto-cjk-sans-otc package's collection) into
``_static/cjk/noto-sans-cjk-sc.woff2``. ``_static/cjk/cjk-font.css`` declares it as the family
"Book CJK SC", whose ``src`` lists the usual local CJK fonts first and the WOFF2 last, for the CJK
blocks only (``unicode-range``), and appends that family to the theme's font stacks: a browser
fetches the WOFF2 only when none of those local fonts is installed. Before it in the stacks comes
"Book CJK SC Local", the same local fonts with their bold faces and no WOFF2: where they are
installed, bold text is set in a real bold face; where they are not, that family fails and bold
text takes the WOFF2, made bold by the browser (a family whose bold face had the WOFF2 as its
source would show bold text in the regular weight).
"""

import html
import re
from pathlib import Path

import noto_cjk_sans_otc
from fontTools.ttLib import TTCollection

from font_subset import built_pages, save_woff2

FAMILY = "Book CJK SC"
FACE = "Noto Sans CJK SC"
OUT = Path("_static", "cjk")
FONT, CSS = "noto-sans-cjk-sc.woff2", "cjk-font.css"
# CJK punctuation and symbols, ideographs (extension A, unified, compatibility), vertical and
# full-width forms, and the middle dot, dashes, quotes and ellipsis that Chinese text shares with Latin.
RANGES = [(0x00B7, 0x00B7), (0x2014, 0x2014), (0x2018, 0x2019), (0x201C, 0x201D), (0x2026, 0x2026),
          (0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFE10, 0xFE1F),
          (0xFE30, 0xFE4F), (0xFF00, 0xFFEF)]
CJK = re.compile("[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in RANGES) + "]")
LOCAL_REGULAR = ["Noto Sans CJK SC", "NotoSansCJKsc-Regular", "Source Han Sans SC", "SourceHanSansSC-Regular",
                 "Noto Sans SC", "NotoSansSC-Regular", "PingFang SC", "PingFangSC-Regular", "Microsoft YaHei",
                 "Hiragino Sans GB", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei"]
LOCAL_BOLD = ["Noto Sans CJK SC Bold", "NotoSansCJKsc-Bold", "Source Han Sans SC Bold", "SourceHanSansSC-Bold",
              "Noto Sans SC Bold", "NotoSansSC-Bold", "PingFang SC Semibold", "PingFangSC-Semibold",
              "Microsoft YaHei Bold", "Hiragino Sans GB W6"]


def _face(family: str, weight: int, sources: list[str]) -> str:
    ranges = ", ".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in RANGES)
    return (f'@font-face {{\n  font-family: "{family}";\n  font-style: normal;\n  font-weight: {weight};\n'
            f"  font-display: swap;\n  src: {', '.join(sources)};\n  unicode-range: {ranges};\n}}\n")


def stylesheet() -> str:
    def local(names):
        return [f'local("{name}")' for name in names]

    families = f'"{FAMILY} Local", "{FAMILY}"'
    stacks = "\n".join(f"  --pst-font-family-{name}: var(--pst-font-family-{system}), {families};"
                       for name, system in (("base", "base-system"), ("heading", "base-system"),
                                            ("monospace", "monospace-system")))
    return (f"/* {FACE} (SIL Open Font License 1.1) cut to the characters of this book: _ext/cjk_font.py */\n"
            + _face(f"{FAMILY} Local", 400, local(LOCAL_REGULAR)) + _face(f"{FAMILY} Local", 700, local(LOCAL_BOLD))
            + _face(FAMILY, 400, local(LOCAL_REGULAR) + [f'url({FONT}) format("woff2")'])
            + f"html {{\n{stacks}\n}}\n")


def characters(outdir: Path, scripts: list[Path]) -> set[int]:
    """Every character of the CJK blocks in the built pages and in ``scripts``."""
    found = set()
    for path in built_pages(outdir) + sorted(scripts):
        found |= set(CJK.findall(html.unescape(path.read_text(encoding="utf-8"))))
    return {ord(c) for c in found}


def sc_face() -> int:
    """The index of Noto Sans CJK SC in the package's font collection."""
    with TTCollection(str(noto_cjk_sans_otc.FONT_PATH), lazy=True) as collection:
        return next(i for i, font in enumerate(collection.fonts) if font["name"].getDebugName(1) == FACE)


def _write_stylesheet(app):
    if app.builder.format == "html":
        (Path(app.outdir) / OUT).mkdir(parents=True, exist_ok=True)
        (Path(app.outdir) / OUT / CSS).write_text(stylesheet(), encoding="utf-8")


def write_font(app, exception):
    if exception or app.builder.format != "html":
        return
    scripts = [js for folder in app.config.html_static_path for js in Path(app.confdir, folder).glob("*.js")]
    save_woff2(Path(str(noto_cjk_sans_otc.FONT_PATH)), characters(Path(app.outdir), scripts),
               Path(app.outdir) / OUT / FONT, font_number=sc_face(),
               hinting=False, desubroutinize=True, layout_features=[], name_IDs=["*"])


def setup(app):
    app.add_css_file(f"{OUT.name}/{CSS}")
    app.connect("builder-inited", _write_stylesheet)
    app.connect("build-finished", write_font)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
