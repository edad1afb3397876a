"""PNG screenshots of every page of the built book, at a phone's and a desktop's width, in each
language: ``_build/screenshots/<width>/<lang>/<page>.png`` (``make screenshots``).

The book is served from ``_build/html`` on 127.0.0.1 and opened in headless Chromium (Debian's,
or ``$CHROMIUM``); each screenshot is the whole page, after MathJax has typeset it.
"""

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tools.browser import built_pages, launch, serve, wait_for_typesetting

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = (390, 1280)
LANGUAGES = ("zh", "en", "both")


def pages(html_dir: Path) -> list[str]:
    """The pages worth a picture, e.g. ``chapters/01_nonlinearity`` (the generated index left out)."""
    return [str(p.relative_to(html_dir).with_suffix("")) for p in built_pages(html_dir) if p.name != "genindex.html"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "screenshots")
    parser.add_argument("--pages", nargs="*", help="pages to take (default: all), e.g. chapters/01_nonlinearity")
    parser.add_argument("--widths", nargs="*", type=int, default=WIDTHS)
    parser.add_argument("--langs", nargs="*", default=LANGUAGES)
    parser.add_argument("--dark", action="store_true", help="the reader's system prefers a dark colour scheme")
    parser.add_argument("--full", action="store_true", help="the whole page (default: the first two screens)")
    args = parser.parse_args(argv)
    server, base = serve(args.html)
    names = args.pages or pages(args.html)
    with sync_playwright() as p:
        browser = launch(p.chromium)
        for width in args.widths:
            for lang in args.langs:
                context = browser.new_context(viewport={"width": width, "height": 900 if width > 500 else 844},
                                              color_scheme="dark" if args.dark else "light")
                page = context.new_page()
                for name in names:
                    page.goto(f"{base}{name}.html?lang={lang}", wait_until="load")
                    wait_for_typesetting(page)
                    # An explorer out of view is not rendered (content-visibility: auto) until the reader
                    # scrolls to it; a screenshot of the whole page shows each as it looks once there.
                    page.add_style_tag(content=".actx{content-visibility:visible!important}")
                    out = args.out / str(width) / lang / f"{name}.png"
                    out.parent.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(out), full_page=True)
                    print(out.relative_to(args.out))
                context.close()
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
