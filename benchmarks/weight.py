"""Weight of a cold page: the bytes a reader's browser transfers to show one page with an empty cache.

The book is built into a temporary directory (``make book``'s command with ``--path-output``), or
the HTML directory named by ``$BOOK_HTML`` is measured as it is. It is served on 127.0.0.1 and each
page opened in a fresh Chromium context (empty cache) and left until MathJax has typeset, every
figure (lazy ones too) and every font the page uses has loaded, and the network is idle. Every
response body is compressed with gzip level 6, as a web server's ``Content-Encoding: gzip`` would send it (fonts and
images gain little); the sum over a page's responses is its weight. Each page is measured twice:
with this machine's fonts, and in a Chromium that sees no CJK font (a fontconfig configuration that
leaves them out), which makes it fetch the book's own CJK font. Goal ≤ 1.5 MB per page.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from tools.browser import built_pages, serve, wait_for_typesetting
from tools.browser import launch as launch_chromium

from . import ROOT, pair
from .book import JUPYTER_BOOK

GOAL_BYTES = 1_500_000
BIGGEST = 4  # resources listed per page
EVERYTHING = """() => {   // every figure, lazy or not, and every font the typeset page uses
    const images = Array.from(document.images, img => { img.loading = 'eager'; return img.decode().catch(() => null); });
    return Promise.all(images).then(() => document.fonts.ready).then(() => null);
}"""


def fc_files(pattern: str) -> set[str]:
    listed = subprocess.run(["fc-list", pattern, "file"], capture_output=True, text=True, check=True).stdout
    return {line.rstrip().rstrip(":") for line in listed.splitlines() if line.strip()}


def no_cjk_fontconfig(folder: Path) -> Path:
    """A fonts.conf in ``folder`` that shows every font of this machine except those covering Chinese."""
    rejected = "".join(f"<glob>{f}</glob>" for f in sorted(fc_files(":lang=zh")))
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                    f"<cachedir>{folder / 'cache'}</cachedir>"
                    f"<selectfont><rejectfont>{rejected}</rejectfont></selectfont></fontconfig>\n",
                    encoding="utf-8")
    return conf


def launch(chromium, fontconfig: Path | None = None):
    """Headless Chromium (tools/browser.py's) from Playwright's ``chromium`` browser type, with
    ``fontconfig`` as its FONTCONFIG_FILE if given."""
    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig)} if fontconfig else None
    return launch_chromium(chromium, env=env)


def transfer(browser, html: Path, url: str) -> list[dict]:
    """Every response of a cold visit to ``url``: its path, status, raw and gzip-compressed bytes (the
    served file's, read from ``html``)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    wait_for_typesetting(page)
    page.evaluate(EVERYTHING)
    page.wait_for_load_state("networkidle")
    rows = []
    for response in responses:
        path = urlsplit(response.url).path.lstrip("/")
        body = (html / path).read_bytes() if response.ok else b""
        rows.append({"path": path, "status": response.status, "raw": len(body),
                     "gzip": len(gzip.compress(body, compresslevel=6, mtime=0))})
    context.close()
    return rows


def summary(rows: list[dict]) -> dict:
    return {"requests": len(rows), "raw": sum(r["raw"] for r in rows), "gzip": sum(r["gzip"] for r in rows),
            "failed": [r["path"] for r in rows if r["status"] >= 400],
            "biggest": sorted(rows, key=lambda r: -r["gzip"])[:BIGGEST]}


def measure(html: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright

    server, site = serve(html)
    try:
        with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
            browsers = {"local_fonts": launch(p.chromium),
                        "no_cjk_font": launch(p.chromium, no_cjk_fontconfig(Path(tmp)))}
            pages = [{"page": name} | {case: summary(transfer(b, html, site + name)) for case, b in browsers.items()}
                     for name in (str(p.relative_to(html)) for p in built_pages(html))]
            for b in browsers.values():
                b.close()
    finally:
        server.shutdown()
        server.server_close()
    return pages


def run() -> dict:
    if os.environ.get("BOOK_HTML"):
        return {"goal_bytes": GOAL_BYTES, "pages": measure(Path(os.environ["BOOK_HTML"]))}
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([str(JUPYTER_BOOK), "build", "--warningiserror", "--nitpick", "--keep-going", "--path-output",
                        tmp, str(ROOT)], cwd=ROOT, check=True, capture_output=True)
        return {"goal_bytes": GOAL_BYTES, "pages": measure(Path(tmp) / "_build" / "html")}


# --------------------------------------------------------------------------- rendering
def _kB(n: int) -> str:
    return f"{n / 1000:.0f}"


def _name(path: str) -> str:
    """A resource's file name, content hashes shortened (``0630da87….svg``)."""
    name = Path(path)
    return f"{name.stem[:8]}…{name.suffix}" if len(name.stem) > 20 else name.name


def render(results: dict) -> str:
    goal = results["goal_bytes"]
    rows = ["| 页面 · page | 请求 · requests | 未压缩 · raw kB | gzip kB | 无 CJK 字体时 · without a CJK font, gzip kB "
            "| 最大的资源 · biggest resources (gzip kB) |", "|---|---:|---:|---:|---:|---|"]
    for p in results["pages"]:
        local, bare = p["local_fonts"], p["no_cjk_font"]
        biggest = ", ".join(f"{_name(r['path'])} {_kB(r['gzip'])}" for r in bare["biggest"])
        marks = [" ✗" if case["gzip"] > goal else "" for case in (local, bare)]
        rows.append(f"| {p['page']} | {local['requests']} | {_kB(local['raw'])} | {_kB(local['gzip'])}{marks[0]} | "
                    f"{_kB(bare['gzip'])}{marks[1]} | {biggest} |")
    worst = max(results["pages"], key=lambda p: p["no_cjk_font"]["gzip"])
    heaviest = worst["no_cjk_font"]["gzip"]
    failed = sorted({f for p in results["pages"] for case in ("local_fonts", "no_cjk_font") for f in p[case]["failed"]})
    ok = heaviest <= goal
    zh = (f"最重的页面是 {worst['page']}：在没有中文字体的机器上冷启动传输 {heaviest / 1e6:.2f} MB（gzip，"
          f"含本书的中文字体子集），目标 ≤ {goal / 1e6:.1f} MB，{'达标' if ok else '未达标'}。")
    en = (f"The heaviest page is {worst['page']}: {heaviest / 1e6:.2f} MB transferred cold (gzip) on a machine "
          f"without a CJK font, the book's CJK font subset included; goal ≤ {goal / 1e6:.1f} MB: "
          f"{'met' if ok else 'missed'}.")
    if failed:
        zh += f"失败的请求：{'、'.join(failed)}。"
        en += f" Failed requests: {', '.join(failed)}."
    return pair(zh, en) + "\n\n" + "\n".join(rows)
