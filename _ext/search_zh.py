"""Sphinx extension: Chinese search that finds words.

The index is cut into words by jieba (``html_search_language: zh``); the glossary's Chinese terms
(the first column of appendix/glossary.md's Chinese tables) are added to jieba's dictionary so
that they are indexed whole (激活函数, 梯度消失) as well as in their parts. The search page gets
``search_zh.js``, which cuts a Chinese query into the index's own words and shows result snippets
of the page's prose in the reader's language.
"""

import re
from pathlib import Path

STATIC = Path(__file__).parent / "static"
ROW = re.compile(r"^\|\s*([^|]*[\u3400-\u9fff][^|]*?)\s*\|", re.M)


def glossary_terms(markdown: str) -> list[str]:
    """The Chinese terms of the glossary's tables ("左饱和 / 右饱和" gives both)."""
    terms = []
    for cell in ROW.findall(markdown):
        terms += [t.strip() for t in cell.split("/") if re.search(r"[\u3400-\u9fff]", t)]
    return list(dict.fromkeys(terms))


def _user_dictionary(app, config):
    glossary = Path(app.srcdir) / "appendix" / "glossary.md"
    words = Path(app.doctreedir) / "search_zh_words.txt"
    words.parent.mkdir(parents=True, exist_ok=True)
    words.write_text("".join(f"{t} 100000\n" for t in glossary_terms(glossary.read_text(encoding="utf-8"))),
                     encoding="utf-8")
    config.html_search_options = {**(config.html_search_options or {}), "dict": str(words)}


def _search_page_script(app, pagename, templatename, context, doctree):
    if pagename == "search":
        app.add_js_file("search_zh.js", priority=900)


def setup(app):
    app.connect("config-inited", _user_dictionary)
    app.connect("html-page-context", _search_page_script, priority=400)   # before unique_scripts copies the list
    app.connect("builder-inited", lambda app: app.config.html_static_path.append(str(STATIC)))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
