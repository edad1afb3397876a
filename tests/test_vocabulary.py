"""One vocabulary: the book's prose uses the glossary's terms, Chinese quotation marks, and
headings that are really in both languages.

The prose is every markdown cell of the chapter notebooks, every Markdown, HTML and plain-text
output they store and the alt texts of their figures (cell metadata ``mystnb.image.alt``), plus
intro.md and appendix/*.md; code (fenced blocks, `spans`), math ($…$) and
HTML tags, scripts and styles are left out. Three rules:

- no variant listed in appendix/vocabulary.toml appears, outside the contexts the file allows;
- Chinese text quotes with “”: no 「」 or 『』 anywhere, no "…" around Chinese words, and no
  straight " at all in a Chinese block (``<div lang="zh">``, ``<span lang="zh">``);
- a heading (outside code) is ``中文 · English``: its Chinese half holds Chinese, not just the
  English words again ("4.1 Softplus · Softplus"), and its English half holds none, so that
  _ext/bilingual.py can split it and each language shows its own.
"""

import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from test_notebook_style import blank_fences

ROOT = Path(__file__).resolve().parent.parent
VOCABULARY = ROOT / "appendix" / "vocabulary.toml"
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))
PAGES = [ROOT / "intro.md", *sorted((ROOT / "appendix").glob("*.md"))]
SOURCES = NOTEBOOKS + PAGES

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
CODE_OR_MATH = re.compile(r"``.*?``|`[^`\n]*`|\$\$.*?\$\$|(?<!\\)\$[^$\n]*?(?<!\\)\$", re.S)
TAG = re.compile(r"<[^>\n]*>")
HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<text>.*?)[ \t#]*$", re.M)
BREAK = re.compile(r" ?· ")                                   # as _ext/bilingual.py splits
NUMBER = re.compile(r"^(?:[A-Z]|\d+)(?:\.\d+)*\s+")          # "2.1 ", "A.3 "
ZH_PIECE = re.compile(r'<(div|span) lang="zh">(.*?)</\1>', re.S)
BAD_QUOTES = re.compile(r"[「」『』]")
STRAIGHT_PAIR = re.compile(r'"([^"\n]*)"')


# ------------------------------------------------------------------------------ the vocabulary

def load_vocabulary(path: Path = VOCABULARY) -> list[dict]:
    """The [[term]] entries of the vocabulary file, each with its compiled ``regex`` and ``allowed``."""
    terms = tomllib.loads(path.read_text(encoding="utf-8"))["term"]
    for term in terms:
        missing = {"variant", "preferred", "reason", "lang"} - term.keys()
        assert not missing, f"{path.name}: the entry for {term.get('variant')!r} lacks {sorted(missing)}"
        assert term["lang"] in {"zh", "en"}, f"{path.name}: {term['variant']!r} has lang {term['lang']!r}"
        pattern = term.get("pattern", re.escape(term["variant"]))
        if term["lang"] == "en":
            term["regex"] = re.compile(rf"(?<![A-Za-z])(?:{pattern})(?![A-Za-z])", re.I)
        else:
            term["regex"] = re.compile(pattern)
        term["allowed"] = [re.compile(a) for a in term.get("allow", [])]
    return terms


def variants_in(text: str, terms: list[dict]) -> list[tuple[int, str]]:
    """(offset, ``variant → preferred``) of every rejected variant in the prose ``text`` outside an
    allowed context."""
    found = []
    for term in terms:
        allowed = [m.span() for a in term["allowed"] for m in a.finditer(text)]
        for match in term["regex"].finditer(text):
            if not any(start <= match.start() and match.end() <= end for start, end in allowed):
                context = text[max(0, match.start() - 15):match.end() + 15].replace("\n", " ")
                found.append((match.start(), f"{match.group(0)!r} → {term['preferred']} (…{context}…)"))
    return found


# ----------------------------------------------------------------------------------- the prose

class _HTMLText(HTMLParser):
    """The text of an HTML document, without scripts and styles; ``lang="zh"`` elements kept as
    ``<span lang="zh">`` pieces so that the Chinese rules can find them."""

    SKIP = {"script", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping, self.stack = [], 0, []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        zh = dict(attrs).get("lang") in {"zh", "zh-CN"}
        self.stack.append((tag, zh))
        if zh:
            self.parts.append('<span lang="zh">')

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        while self.stack:
            name, zh = self.stack.pop()
            if zh:
                self.parts.append("</span>")
            if name == tag:
                break

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    return " ".join(parser.parts)


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def prose(markdown: str) -> str:
    """Markdown with its code and math blanked out, line numbers kept; HTML tags stay (the Chinese
    pieces are found by them)."""
    return CODE_OR_MATH.sub(_blank, blank_fences(markdown).replace("FENCE", ""))


def texts(path: Path) -> list[tuple[str, str, str]]:
    """(where, kind, prose) of every piece of prose in a chapter notebook or a markdown page."""
    if path.suffix == ".md":
        return [("page", "markdown", prose(path.read_text(encoding="utf-8")))]
    nb = nbformat.read(path, as_version=4)
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            found.append((f"cell {i}", "markdown", prose(cell.source)))
            continue
        if alt := cell.metadata.get("mystnb", {}).get("image", {}).get("alt"):
            found.append((f"cell {i} alt text", "text", alt))     # what a screen reader reads
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/markdown" in data:
                found.append((f"cell {i} output", "markdown", prose(data["text/markdown"])))
            elif "text/html" in data:
                found.append((f"cell {i} output", "html", prose(html_text(data["text/html"]))))
            elif "text/plain" in data:
                found.append((f"cell {i} output", "text", data["text/plain"]))
            if output.get("output_type") == "stream":
                found.append((f"cell {i} output", "text", output.get("text", "")))
    return found


def place(where: str, text: str, offset: int) -> str:
    """``cell 3`` as it is; a markdown page's ``page`` becomes the line of ``offset``."""
    return f"line {text.count(chr(10), 0, offset) + 1}" if where == "page" else where


# ------------------------------------------------------------------------------------ the rules

def quote_problems(text: str) -> list[tuple[int, str]]:
    """(offset, problem) of the quotation marks in ``text`` that Chinese prose must not use.

    Straight quotes pair up along a line as a reader pairs them: first with second, third with
    fourth.
    """
    plain = TAG.sub(_blank, text)
    problems = [(m.start(), f"{m.group(0)} (use “”)") for m in BAD_QUOTES.finditer(plain)]
    pairs = list(STRAIGHT_PAIR.finditer(plain))
    problems += [(m.start(), f'{m.group(0)} (Chinese words quoted with "", use “”)')
                 for m in pairs if CJK.search(m.group(1))]
    reported = {m.start() for m in pairs if CJK.search(m.group(1))} | {m.end() - 1 for m in pairs if CJK.search(m.group(1))}
    for piece in ZH_PIECE.finditer(text):
        for m in re.finditer('"', plain[piece.start(2):piece.end(2)]):
            at = piece.start(2) + m.start()
            if at not in reported:
                context = plain[max(0, at - 20):at + 20].replace("\n", " ").strip()
                problems.append((at, f'straight quote in Chinese text: …{context}… (use “”)'))
                break
    return problems


def heading_problems(markdown: str) -> list[tuple[int, str]]:
    """(offset, problem) of the headings of ``markdown`` that do not pair a Chinese half with an
    English half."""
    problems = []
    for match in HEADING.finditer(blank_fences(markdown)):
        heading, at = match["text"], match.start()
        halves = BREAK.split(heading, maxsplit=1)
        if len(halves) < 2:
            problems.append((at, f"{heading!r}: not '中文 · English'"))
            continue
        zh, en = NUMBER.sub("", halves[0]), halves[1]
        if not CJK.search(zh):
            problems.append((at, f"{heading!r}: the Chinese half repeats the English without a Chinese gloss"))
        elif CJK.search(en):
            problems.append((at, f"{heading!r}: the English half holds Chinese"))
    return problems


def headings_of(path: Path) -> list[tuple[str, str]]:
    if path.suffix == ".md":
        return [("page", path.read_text(encoding="utf-8"))]
    nb = nbformat.read(path, as_version=4)
    return [(f"cell {i}", c.source) for i, c in enumerate(nb.cells)
            if c.cell_type == "markdown" and "<div lang=" not in c.source]


# ------------------------------------------------------------------------ the rules, checked

def test_the_rules_see_what_they_are_for():
    terms = load_vocabulary()
    assert variants_in("ReLU 在 0 处有一个拐点。", terms)
    assert not variants_in("ReLU 在 0 处有一个折点；tanh 在 0 处有一个拐点（二阶导数变号的点）。", terms)
    assert variants_in("这就是通用近似定理。", terms) and variants_in("the zero-centered outputs", terms)
    assert not variants_in("self-normalizing networks, batch normalisation, zero-centred", terms)
    assert variants_in("Self-normalising networks", terms) and variants_in("batch normalization", terms)
    assert not variants_in(prose("用 `scipy.optimize.root` 解方程"), terms)
    assert quote_problems('<span lang="zh">所谓"线性"</span>')
    assert quote_problems("所谓「线性」")
    assert quote_problems('<div lang="zh">\n\n三个入口："Live Code"\n\n</div>')
    assert not quote_problems('<div lang="zh">\n\n所谓“线性”\n\n</div>\n\n<div lang="en">\n\nso-called "linear"\n\n</div>')
    assert not quote_problems('<span lang="zh">交互图<a href="x.html">链接</a></span>')
    assert len(quote_problems('<span lang="zh">取值 "none" 或 "tanh"</span>')) == 1   # pairs, not the text between
    assert heading_problems("## 4.1 Softplus · Softplus")
    assert heading_problems("## 3.3 ReLU6")
    assert heading_problems("## 3.1 ReLU · The rectified linear unit")
    assert not heading_problems("## 4.1 Softplus（平滑 ReLU） · Softplus\n```\n# a comment\n```")
    assert html_text('<p lang="zh">甲<script>"乙"</script></p><p>b</p>') == '<span lang="zh"> 甲 </span> b'


def test_every_vocabulary_entry_is_a_variant_of_a_glossary_term():
    """The preferred term of every Chinese entry is a term of the glossary (a first-column entry)."""
    glossary = (ROOT / "appendix" / "glossary.md").read_text(encoding="utf-8")
    rows = [row for row in glossary.split("\n") if row.startswith("| ")]
    first_columns = {row.split("|")[1].strip() for row in rows}
    for term in load_vocabulary():
        if term["lang"] == "zh":
            assert any(term["preferred"] in col for col in first_columns), \
                f"vocabulary.toml: {term['preferred']!r} is not a term of glossary.md"


@pytest.mark.parametrize("path", SOURCES, ids=[p.relative_to(ROOT).as_posix() for p in SOURCES])
def test_prose_uses_the_glossary_terms(path):
    terms = load_vocabulary()
    problems = [f"{place(where, text, at)}: {found}"
                for where, _, text in texts(path) for at, found in variants_in(text, terms)]
    assert not problems, f"{path.relative_to(ROOT)}: rejected variants (see appendix/vocabulary.toml):\n" + \
        "\n".join(problems)


@pytest.mark.parametrize("path", SOURCES, ids=[p.relative_to(ROOT).as_posix() for p in SOURCES])
def test_chinese_text_uses_chinese_quotation_marks(path):
    problems = [f"{place(where, text, at)}: {p}" for where, _, text in texts(path) for at, p in quote_problems(text)]
    assert not problems, f"{path.relative_to(ROOT)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", SOURCES, ids=[p.relative_to(ROOT).as_posix() for p in SOURCES])
def test_headings_pair_a_chinese_half_with_an_english_half(path):
    problems = [f"{place(where, source, at)}: {p}"
                for where, source in headings_of(path) for at, p in heading_problems(source)]
    assert not problems, f"{path.relative_to(ROOT)}:\n" + "\n".join(problems)
