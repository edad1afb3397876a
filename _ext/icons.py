"""Sphinx extension: the theme's icons from small FontAwesome webfonts, without its 1.5 MB script.

pydata-sphinx-theme 0.15.4 puts FontAwesome on every page twice: its stylesheet with three
preloaded webfonts (300 kB) and ``all.min.js`` (1.5 MB), which redraws each ``<i class="fa-…">``
as an SVG. The template ``_templates/static/webpack-macros.html`` (put on ``templates_path`` here)
drops the script and links ``_static/icons/fontawesome.css`` instead. When the build has finished,
this module writes that stylesheet: FontAwesome's own, with only the icon rules of the icons the
pages name (in their HTML or in the scripts they load) and ``src`` pointing at the webfonts beside
it, which are cut to those icons' glyphs and to the icon characters of the pages' other stylesheets
(the theme draws some icons in CSS, e.g. admonitions).
"""

import re
from pathlib import Path

from font_subset import built_pages, save_woff2

OUT = Path("_static", "icons")
ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:(?:before|after),?)+)\{content:"\\([0-9a-f]+)"\}')
FONT_SRC = re.compile(r'src:url\(\.\./webfonts/([\w-]+)\.woff2\) format\("woff2"\),url\([^)]*\.ttf\) format\("truetype"\)')
ASSET = re.compile(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^":?#]+\.(?:js|css))[^"]*"')
CLASS = re.compile(r'\bclass="([^"]*)"')
ICON_NAME = re.compile(r"\bfa-[a-z0-9-]+")
PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]|\\(f[0-9a-f]{3}|e[0-9a-f]{3})\b", re.I)


def used(outdir: Path) -> tuple[set[str], set[int]]:
    """The ``fa-*`` names the pages and their scripts use, and the icon characters of their other stylesheets."""
    names, assets = set(), set()
    for page in built_pages(outdir):
        text = page.read_text(encoding="utf-8")
        names |= {n for classes in CLASS.findall(text) for n in ICON_NAME.findall(classes)}
        assets |= {(page.parent / url).resolve() for url in ASSET.findall(text)}
    characters = set()
    for asset in sorted(a for a in assets if a.is_file() and a.parent != (outdir / OUT).resolve()):
        text = asset.read_text(encoding="utf-8", errors="replace")
        if asset.suffix == ".js":
            names |= set(ICON_NAME.findall(text))
        else:
            characters |= {ord(m.group(0)) if len(m.group(0)) == 1 else int(m.group(1), 16)
                           for m in PRIVATE_USE.finditer(text)}
    return names, characters


def write_icons(app, exception):
    if exception or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    (fontawesome,) = (outdir / "_static" / "vendor" / "fontawesome").glob("*/css/all.min.css")
    names, characters = used(outdir)

    def keep_used(rule):
        selectors = [s for s in rule.group(1).split(",") if s.split(":")[0][1:] in names]
        if not selectors:
            return ""
        characters.add(int(rule.group(2), 16))
        return ",".join(selectors) + rule.group(0)[len(rule.group(1)):]

    css = ICON_RULE.sub(keep_used, fontawesome.read_text(encoding="utf-8"))
    css = FONT_SRC.sub(r'src:url(\1.woff2) format("woff2")', css)
    (outdir / OUT).mkdir(parents=True, exist_ok=True)
    (outdir / OUT / "fontawesome.css").write_text(css, encoding="utf-8")
    for font in sorted(set(re.findall(r"src:url\(([\w-]+\.woff2)\)", css))):
        save_woff2(fontawesome.parent.parent / "webfonts" / font, characters, outdir / OUT / font)


def _add_templates(app, config):
    templates = str(Path(app.confdir, "_templates"))
    if templates not in [str(Path(app.confdir, t)) for t in config.templates_path]:
        config.templates_path.append(templates)


def setup(app):
    app.connect("config-inited", _add_templates)
    app.connect("build-finished", write_icons)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
