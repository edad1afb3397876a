"""Sphinx extension: a text written in both languages shows one language at a time.

Headings and table cells hold both languages in one line, ``2.1 Sigmoid 函数 · The sigmoid
function`` (DESIGN.md §5); a table cell may also break the line instead (``有界<br>bounded``).
This transform splits such a text into ``<span lang="zh">`` and ``<span lang="en">`` halves, with
the separator in a span of its own and a leading section number ("2.1 ") shared by both, so that
language.css shows the chosen language (both in 双语). It runs while a document is read, so the
sidebar, the page contents and the previous/next links, which copy the headings, are split too.
"""

import re

from docutils import nodes
from sphinx.transforms import SphinxTransform

SEPARATOR = " · "
BREAK = re.compile(r" ?· ")                              # "中文 · English", "（…）· English"
NUMBER = re.compile(r"^((?:[A-Z]|\d+)(?:\.\d+)*\s+)")   # "2.1 ", "A.3 "
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")
CJK_THEN_LATIN = re.compile(r"^(.*[\u3400-\u9fff][^A-Za-z]*?)\s+([A-Za-z].*)$")
LATIN = re.compile(r"[A-Za-z]")


class lang_span(nodes.inline):
    """Inline text in one language: ``<span lang="zh">`` (``lang`` in the node's attributes)."""


class lang_separator(nodes.inline):
    """The `` · `` between the two halves, shown only when both languages are."""


def visit_lang_span(self, node):
    self.body.append(f'<span lang="{node["lang"]}">')


def visit_lang_separator(self, node):
    self.body.append('<span class="bl-sep" aria-hidden="true">')


def depart_span(self, node):
    self.body.append("</span>")


def _cut(children: list, header: bool):
    """(before, after) children around the language break, or None when there is none."""
    for i, child in enumerate(children):
        if isinstance(child, nodes.Text) and (m := BREAK.search(str(child))):
            left, right = str(child)[:m.start()], str(child)[m.end():]
            return children[:i] + [nodes.Text(left)], [nodes.Text(right)] + children[i + 1:]
    if not header:
        return None
    for i, child in enumerate(children):
        if isinstance(child, nodes.raw) and child.astext().strip().lower() in {"<br>", "<br/>", "<br />"}:
            return children[:i], children[i + 1:]
    if len(children) == 1 and isinstance(children[0], nodes.Text) and (m := CJK_THEN_LATIN.match(str(children[0]))):
        if not LATIN.search(m.group(1)):           # "训练集 train", not "门用 sigmoid，候选状态用 tanh"
            return [nodes.Text(m.group(1))], [nodes.Text(m.group(2))]
    return None


def _text_of(parts: list) -> str:
    return "".join(p.astext() for p in parts)


def split(node: nodes.Element, header: bool = False) -> bool:
    """Split ``node``'s children into a Chinese and an English half; whether it did."""
    cut = _cut(list(node.children), header)
    if cut is None:
        return False
    zh, en = cut
    if not CJK.search(_text_of(zh)) and CJK.search(_text_of(en)):
        zh, en = en, zh
    if not CJK.search(_text_of(zh)) or not _text_of(en).strip() or CJK.search(_text_of(en)):
        return False                              # not a Chinese half and an English half
    shared = []
    if zh and isinstance(zh[0], nodes.Text) and (m := NUMBER.match(str(zh[0]))):
        shared = [nodes.Text(m.group(1))]
        zh[0] = nodes.Text(str(zh[0])[m.end():])
        if en and isinstance(en[0], nodes.Text) and str(en[0]).startswith(m.group(1)):   # "A neuron" keeps its A
            en[0] = nodes.Text(str(en[0])[len(m.group(1)):])
    node.children = []
    node.extend(shared)
    node += lang_span("", "", *(c for c in zh if c.astext() or not isinstance(c, nodes.Text)), lang="zh")
    node += lang_separator("", SEPARATOR)
    node += lang_span("", "", *(c for c in en if c.astext() or not isinstance(c, nodes.Text)), lang="en")
    return True


class SplitBilingualText(SphinxTransform):
    """Headings, table cells and captions in both languages become two language spans."""

    default_priority = 500

    def apply(self):
        for title in self.document.findall(nodes.title):
            split(title)
        for cell in self.document.findall(nodes.entry):
            for paragraph in cell.findall(nodes.paragraph):
                split(paragraph, header=True)
        for caption in self.document.findall(nodes.caption):
            split(caption)


def setup(app):
    app.add_node(lang_span, html=(visit_lang_span, depart_span))
    app.add_node(lang_separator, html=(visit_lang_separator, depart_span))
    app.add_transform(SplitBilingualText)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
