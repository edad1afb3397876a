"""House rules of the chapter notebooks and the markdown pages (intro, appendices) (DESIGN.md §5, §6, §8).

Two languages: a markdown cell that holds a heading holds nothing else; every other markdown
cell is exactly one Chinese block followed by its English twin,

    <div lang="zh">

    …

    </div>

    <div lang="en">

    …

    </div>

(blank lines inside, so Jupyter, GitHub and MyST all render the markdown), neither empty and
neither holding a heading. The markdown pages follow the same rules, with shared code blocks allowed
between the pairs.

Stored outputs: from one clean top-to-bottom run (execution counts 1, 2, 3, …), with no error,
no stderr and no object addresses. A Markdown table printed by a cell has in every row as many
cells (unescaped ``|``) as its header, so no ``|`` inside a cell (``$\\log(|x| + 1)$``) splits it.
Printed Markdown outside its tables mixes no Chinese and English words in one text: each language
is a piece of its own (``<span lang>`` or ``<div lang>``, actlib.display), so the book shows one.
"""

import re
from pathlib import Path

import nbformat
import pytest

from book import toc_pages

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))
MARKDOWN_PAGES = [ROOT / f"{page}.md" for page in toc_pages() if (ROOT / f"{page}.md").is_file()]
IDS = [nb.stem for nb in NOTEBOOKS]

PAIR = re.compile(
    r'<div lang="zh">\n\n(?P<zh>.*?)\n\n</div>\n\n<div lang="en">\n\n(?P<en>.*?)\n\n</div>', re.S)
HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)|<h[1-6][\s>]", re.M | re.I)
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}|:{3,})")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]{6,}")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")     # e.g. "\\v" in TeX typed into a non-raw string
CELL_BAR = re.compile(r"(?<!\\)\|")
TABLE_RULE = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+$")
LANG_PIECE = re.compile(r'<(div|span) lang="(?:zh|en)">.*?</\1>', re.S)
CODE_OR_MATH = re.compile(r"`[^`]*`|\$\$.*?\$\$|\$[^$]*\$", re.S)
WORD = re.compile(r"[A-Za-z]{2,}")


def blank_fences(text: str) -> str:
    """The text with the inside of every fenced block (```, ~~~, :::) replaced by blank lines.

    Code and directives may contain '#' lines or divs of their own; the rules are about prose.
    """
    out, fence = [], None
    for line in text.split("\n"):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            out.append("FENCE")
        elif fence is not None:
            if line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
                fence = None
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


def pair_problems(zh: str, en: str) -> list[str]:
    problems = []
    for lang, body in (("zh", zh), ("en", en)):
        if not body.strip():
            problems.append(f"the {lang} block is empty")
        if "<div lang=" in body:
            problems.append(f"the {lang} block holds another language block (one pair per cell)")
        if HEADING.search(blank_fences(body)):
            problems.append(f"the {lang} block holds a heading (put it in its own cell, both languages)")
    if zh.strip() and not CJK.search(zh):
        problems.append("the zh block has no Chinese in it")
    if en.strip() and len(CJK.findall(en)) >= len(LATIN.findall(en)):
        problems.append("the en block is not in English")
    return problems


# A training playground's placeholder (_ext/playground.py), on a line of its own after a cell's pair or in a
# page: the script replaces it, so the one-line text inside, for a reader without the script, holds both languages.
PLAYGROUND = re.compile(r'^<div class="pg" data-playground="(?:page|embed)"(?: data-[a-z]+="[^"]*")*>.*</div>$')


def markdown_cell_problems(source: str) -> list[str]:
    lines = source.strip().split("\n")
    if len(lines) > 1 and PLAYGROUND.match(lines[-1]) and not lines[-2].strip():
        source = "\n".join(lines[:-1])
    match = PAIR.fullmatch(source.strip())
    if match:
        return pair_problems(match["zh"], match["en"])
    lines = [line for line in blank_fences(source.strip()).split("\n") if line.strip()]
    if "<div lang=" not in source and any(HEADING.match(line) for line in lines):
        prose = [line for line in lines if not HEADING.match(line)]
        return ["a heading cell also holds prose: " + prose[0][:60]] if prose else []
    return ['not one <div lang="zh"> block followed by one <div lang="en"> block, '
            "with blank lines inside each"]


def test_there_are_chapter_notebooks():
    assert NOTEBOOKS, "no notebook in chapters/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_markdown_cells_pair_the_languages(path):
    nb = nbformat.read(path, as_version=4)
    problems = [f"cell {i}: {problem}"
                for i, cell in enumerate(nb.cells) if cell.cell_type == "markdown"
                for problem in markdown_cell_problems(cell.source)]
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_opens_with_a_bilingual_title(path):
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), \
        f"{path.name} does not start with a '# ' title cell"
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", f"{path.name}: kernel is not python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_outputs_come_from_one_clean_run(path):
    nb = nbformat.read(path, as_version=4)
    code = [(i, cell) for i, cell in enumerate(nb.cells) if cell.cell_type == "code"]
    counts = [cell.execution_count for _, cell in code]
    assert counts == list(range(1, len(code) + 1)), (
        f"{path.name}: execution counts {counts}; run `make execute` (clean kernel, top to bottom)")
    problems = []
    for i, cell in code:
        for output in cell.outputs:
            kind = output.output_type
            if kind == "error":
                problems.append(f"cell {i}: error output {output.ename}: {output.evalue}")
            elif kind == "stream" and output.name == "stderr":
                problems.append(f"cell {i}: stderr output: {output.text[:200]!r}")
            elif kind == "execute_result" and output.execution_count != cell.execution_count:
                problems.append(f"cell {i}: result numbered {output.execution_count}")
            texts = [output.get("text", "")] + [v for k, v in output.get("data", {}).items()
                                                 if k.startswith("text/") and isinstance(v, str)]
            if any(ADDRESS.search(t) for t in texts):
                problems.append(f"cell {i}: an object address in the output (not reproducible)")
            if any(CONTROL.search(t) for t in texts):
                problems.append(f"cell {i}: a control character in the output (a backslash lost in a string?)")
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_cell_relies_on_a_trailing_semicolon(path):
    """nbval runs cells with store_history=False, where IPython ignores a final ';' (see
    test_notebooks.py): end a figure cell with ``plt.show()`` or assign the last value."""
    nb = nbformat.read(path, as_version=4)
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        lines = [line for line in cell.source.split("\n") if line.strip() and not line.lstrip().startswith("#")]
        if lines and re.search(r";\s*(#.*)?$", lines[-1]):
            problems.append(f"cell {i}: ends with ';': {lines[-1].strip()}")
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


# The cell tags the book's tools act on: MyST-NB's (hide the source of a set-up or solution cell
# behind a toggle, and its other display tags) and nbval's. A tag outside this set, a misspelt
# "hide_input" say, would be silently ignored.
KNOWN_TAGS = {"hide-input", "hide-output", "hide-cell", "remove-input", "remove-output", "remove-cell",
              "remove-stdout", "remove-stderr", "full-width", "margin", "raises-exception", "skip-execution",
              "nbval-ignore-output", "nbval-skip", "nbval-check-output", "nbval-raises-exception"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_cell_tags_are_ones_the_tools_know(path):
    nb = nbformat.read(path, as_version=4)
    problems = [f"cell {i}: unknown tag {tag!r}" for i, cell in enumerate(nb.cells)
                for tag in cell.metadata.get("tags", []) if tag not in KNOWN_TAGS]
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_folded_answers_and_boxes_fold_their_code_too(path):
    """A cell that prints a folded solution or misconception box hides its code (the code holds the answer)."""
    nb = nbformat.read(path, as_version=4)
    shown = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
             and re.search(r"display\((solution|misconception)\(", cell.source)
             and "hide-input" not in cell.metadata.get("tags", [])]
    assert not shown, f"{path.name}: cells {shown} print a folded answer but show its code; tag them hide-input"


@pytest.mark.parametrize("page", MARKDOWN_PAGES, ids=[p.stem for p in MARKDOWN_PAGES])
def test_markdown_page_pairs_the_languages(page):
    text = blank_fences(page.read_text(encoding="utf-8"))
    # Chinese/English pairs (checked like notebook cells); headings and shared code blocks between.
    problems, rest, end = [], [], 0
    for match in PAIR.finditer(text):
        rest.append(text[end:match.start()])
        problems += [f"pair at line {text[:match.start()].count(chr(10)) + 1}: {p}"
                     for p in pair_problems(match["zh"], match["en"])]
        end = match.end()
    rest.append(text[end:])
    pairs = len(PAIR.findall(text))
    assert pairs, f"{page.name} has no Chinese/English pair"
    for chunk in rest:
        for line in chunk.split("\n"):
            if line.strip() and line != "FENCE" and not HEADING.match(line) and not PLAYGROUND.match(line):
                problems.append(f"outside any language block: {line.strip()[:60]}")
    assert text.lstrip().startswith("# "), f"{page.name} does not start with a '# ' title"
    assert not problems, f"{page.name}:\n" + "\n".join(problems)


def table_problems(markdown: str) -> list[str]:
    """Rows of the Markdown tables in ``markdown`` whose number of cells is not the header's."""
    lines, problems = markdown.split("\n"), []
    for i, line in enumerate(lines[1:], 1):
        if not TABLE_RULE.match(line.strip()):
            continue
        width = len(CELL_BAR.findall(lines[i - 1].strip())) - 1
        for row in lines[i + 1:]:
            if not row.strip().startswith("|"):
                break
            if len(CELL_BAR.findall(row.strip())) - 1 != width:
                problems.append(f"{width} header cells, row {row.strip()[:70]!r}")
    return problems


def test_table_problems_sees_a_split_cell():
    good = "| f | a | b |\n|---|---:|---:|\n| $\\log(\\|x\\| + 1)$ | 1 | 2 |"
    assert table_problems(good) == []
    assert len(table_problems(good.replace("\\|", "|"))) == 1


def printed_markdown(path) -> list[tuple[int, str]]:
    """(cell index, Markdown) of every Markdown output stored in the notebook at ``path``."""
    nb = nbformat.read(path, as_version=4)
    return [(i, output.get("data", {}).get("text/markdown", ""))
            for i, cell in enumerate(nb.cells) if cell.cell_type == "code" for output in cell.outputs]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_printed_tables_keep_their_columns(path):
    problems = [f"cell {i}: {problem}" for i, markdown in printed_markdown(path) for problem in table_problems(markdown)]
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


def mixed_lines(markdown: str) -> list[str]:
    """Lines of printed Markdown, outside tables, language pieces, code and math, that hold both
    Chinese and English words."""
    text = CODE_OR_MATH.sub("", LANG_PIECE.sub("", markdown))
    return [line.strip() for line in text.split("\n")
            if not line.lstrip().startswith("|") and CJK.search(line) and WORD.search(line)]


def test_mixed_lines_sees_both_languages_in_one_text():
    assert mixed_lines("死亡单元比例 · dead share: 0.25") == ["死亡单元比例 · dead share: 0.25"]
    assert mixed_lines('<span lang="zh">比例 **0.25**</span> · <span lang="en">share **0.25**</span>') == []
    assert mixed_lines('<div lang="zh">\n\n- 有界：`relu`\n\n</div>\n\n<div lang="en">\n\n- bounded\n\n</div>') == []
    assert mixed_lines("| 模型 · model |\n|---|\n| 线性 · linear |") == []
    assert mixed_lines("`rgb` → `p` (600, 512) 灰度, $\\mathrm{max}$") == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_printed_text_keeps_the_languages_apart(path):
    problems = [f"cell {i}: {line[:80]}" for i, markdown in printed_markdown(path) for line in mixed_lines(markdown)]
    assert not problems, f"{path.name}: print each language in its own piece (actlib.display):\n" + "\n".join(problems)
