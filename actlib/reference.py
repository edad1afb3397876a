"""The reference appendix (appendix/reference.ipynb): one entry per registered activation, drawn from the registry.

A family is a module of ``actlib/activations/``. The page has one section per family, in the order the
chapters teach them (``FAMILY_ORDER``), and each section lists the activations its module defines, in
the order it defines them. A new activation therefore appears in its family's section with no other
edit. A new family module comes after the known ones (``families()``) until FAMILY_ORDER gives it a
place, and needs a section of its own in the notebook (tests/test_reference.py checks that every
family has one).

    from actlib import reference
    reference.show_family("relu_like")    # every entry of one family, as the page shows it
    reference.anchor("leaky_relu")        # "ref-leaky-relu": the entry's label, {ref}`ref-leaky-relu`

An entry: the names in both languages (a heading whose id is the anchor), what the function is and
where it is used (``about_zh``, ``about_en``), f and f′ (``latex``, ``grad_latex``), a computed fact for
the functions no chapter teaches (``reference_facts``), the static explorer (elementwise functions) or
a worked example (vector-valued ones), the parameters with their defaults and ranges, the properties
(elementwise functions), and the names in the frameworks.
"""

from __future__ import annotations

import html
import importlib
import inspect
import pkgutil
import re
from typing import Any

import numpy as np

from . import activations
from .core import _REGISTRY, Activation, Param
from .display import blocks, spans, tex
from .reference_facts import FACTS
from .tables import PROPERTY_COLUMNS, framework_table, num, table, tick

# The families in the order of the chapters: 2 sigmoid and tanh, 3 the ReLU family (with the exponential
# units), 4 smooth activations, 4–5 the gated units and softmax.
FAMILY_ORDER = ("s_shaped", "relu_like", "exponential", "smooth", "vector")
EXAMPLE = (-1.0, 0.5, 2.0, 3.0)      # the input of a vector-valued function's worked example


# --------------------------------------------------------------------------- families
def families() -> list[str]:
    """The family modules of ``actlib/activations/`` (not the private ``_…`` ones): those of FAMILY_ORDER in
    that order, then any other."""
    found = [m.name for m in pkgutil.iter_modules(activations.__path__) if not m.name.startswith("_")]
    return [f for f in FAMILY_ORDER if f in found] + sorted(set(found) - set(FAMILY_ORDER))


def family_of(act) -> str | None:
    """The family module that defines ``act``: the one whose namespace holds it or, when a module also
    imports it from another, the one whose source defines it (``name="…"``); None if none holds it."""
    modules = {f: importlib.import_module(f"{activations.__name__}.{f}") for f in families()}
    holders = [f for f, module in modules.items() if any(obj is act for obj in vars(module).values())]
    if len(holders) > 1:
        defined = re.compile(rf"""\bname\s*=\s*["']{re.escape(act.name)}["']""")
        holders = [f for f in holders if defined.search(inspect.getsource(modules[f]))]
        if len(holders) != 1:
            raise ValueError(f"reference: cannot tell which family module defines {act.name}")
    return holders[0] if holders else None


def members(family: str) -> list:
    """The registered activations that the module ``actlib.activations.<family>`` defines, in its order."""
    if not isinstance(family, str) or family not in families():
        raise ValueError(f"reference: family must be one of {', '.join(families())}, got {family!r}")
    return [act for act in _REGISTRY.values() if family_of(act) == family]


def anchor(name: str) -> str:
    """The entry's label and HTML id: ``ref-`` and the name with ``-`` for ``_`` (as docutils spells ids)."""
    return "ref-" + name.replace("_", "-")


# --------------------------------------------------------------------------- one entry
class Heading:
    """The entry's heading, ``中文 · English`` with the anchor as its id, and the actlib name below it.

    Two forms of one heading: Jupyter and the HTML book show ``text/html``; the ``text/markdown`` twin
    starts with the MyST label ``(ref-…)=``, which the book reads (so that ``{ref}`` finds the entry)
    before it keeps the HTML form.
    """

    def __init__(self, act):
        self.act = act

    def _title(self) -> str:
        return spans(html.escape(self.act.name_zh), html.escape(self.act.name_en))

    def _names(self) -> str:
        code = f"<code>actlib.{self.act.name}</code>"
        aliases = "".join(f"<code>actlib.{a}</code>" for a in self.act.aliases)
        vector = not isinstance(self.act, Activation)
        zh = code + ("，别名 " + aliases if aliases else "") + ("：向量值函数，沿 <code>axis</code> 计算" if vector
                                                              else "：逐元素函数")
        en = code + (", alias " + aliases if aliases else "") + (": vector-valued, along <code>axis</code>" if vector
                                                               else ": elementwise")
        return spans(zh, en)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        label = anchor(self.act.name)
        return {"text/html": f'<h3 id="{label}">{self._title()}</h3>\n<p>{self._names()}</p>',
                "text/markdown": f"({label})=\n### {self._title()}\n\n{self._names()}",
                "text/plain": f"actlib.{self.act.name}"}


def _range(p: Param) -> str:
    return f"{num(p.low, 'g')} … {num(p.high, 'g')}, {num(p.step, 'g')}"


def parameter_table(act):
    """The parameters (default, valid values, slider range and step, meaning) and options of ``act``;
    None when it has neither."""
    rows = [[f"`{key}`", num(p.default, "g"), str(p.valid), _range(p), spans(p.doc_zh, p.doc_en)]
            for key, p in act.params.items()]
    rows += [[f"`{key}`", f"`{o.default!r}`", ", ".join(f"`{c!r}`" for c in o.choices) if o.choices else "—", "—",
              spans(o.doc_zh, o.doc_en)] for key, o in act.options.items()]
    if not rows:
        return None
    return table(["参数 · parameter", "默认值 · default", "允许的取值 · valid values",
                  "滑块范围，步长 · slider range, step", "含义 · meaning"], rows, align="lrlll")


def property_table(act):
    """The shape facts of an elementwise ``act`` (``act.properties``), one row each, and its kinks and jumps."""
    props = act.properties
    rows = [[header, tick(v) if isinstance(v := read(props), bool) else v] for header, read in PROPERTY_COLUMNS]
    rows.append(["折点或跳变点<br>kinks or jumps", ", ".join(num(k, "g") for k in props.kinks) or "—"])
    where = "性质（默认参数下） · property (at the defaults)" if act.params else "性质 · property"
    return table([where, "值 · value"], rows, align="lc")


def example(act) -> list:
    """A vector-valued ``act`` on the input EXAMPLE, computed by actlib: a sentence and the formula."""
    from IPython.display import Markdown, Math

    x = np.array(EXAMPLE)
    y = np.asarray(act(x))
    shown = r"\texttt{" + act.name.replace("_", r"\_") + "}"
    return [Markdown(spans("向量值函数没有一条单变量曲线可画；下面是一个算例：",
                           "A vector-valued function has no single curve to draw; a worked example:")),
            Math(rf"x = ({', '.join(tex(v) for v in x)}) \;\longmapsto\; {shown}(x) = "
                 rf"({', '.join(tex(v) for v in y)})")]


def entry(act) -> list:
    """Everything the page shows for ``act``, in order, as display objects."""
    from IPython.display import Math

    from . import explore

    parts = [Heading(act), blocks(act.about_zh, act.about_en), Math(act.latex), Math(act.grad_latex)]
    parts += FACTS[act.name]() if act.name in FACTS else []
    parts += [explore(act.name)] if isinstance(act, Activation) else example(act)
    parameters = parameter_table(act)
    parts += [parameters] if parameters is not None else []
    parts += [property_table(act)] if isinstance(act, Activation) else []
    return parts + [framework_table([act])]


def show_family(family: str) -> None:
    """Display the entries of every activation of ``family`` (see :func:`members`)."""
    from IPython.display import display

    for act in members(family):
        display(*entry(act))


def overview():
    """How many activations the page lists (elementwise, vector-valued, in how many families), and which
    of them the page teaches with a computed fact (``reference_facts.FACTS``)."""
    acts = [act for family in families() for act in members(family)]
    elementwise = sum(isinstance(act, Activation) for act in acts)
    taught = [act for act in acts if act.name in FACTS]
    return blocks(f"本页收录 **{len(acts)}** 个激活函数：**{elementwise}** 个逐元素函数，**{len(acts) - elementwise}** "
                  f"个向量值函数，分属 **{len(families())}** 个族。其中 **{len(taught)}** 个没有章节专门讲解，"
                  f"在本页讲得更详细：{'、'.join(f'[{act.name_zh}](#{anchor(act.name)})' for act in taught)}。",
                  f"This page lists **{len(acts)}** activations: **{elementwise}** elementwise and "
                  f"**{len(acts) - elementwise}** vector-valued, in **{len(families())}** families. Of these, "
                  f"**{len(taught)}** have no chapter of their own and are taught more fully here: "
                  f"{', '.join(f'[{act.name_en}](#{anchor(act.name)})' for act in taught)}.")


def see_also(*family_names: str):
    """For a chapter: links to the reference entries of every activation of the families it teaches."""
    acts = [act for family in family_names for act in members(family)]
    if not acts:
        raise ValueError("reference.see_also: give at least one family, one of " + ", ".join(families()))
    return blocks("本章各函数在参考手册中的条目："
                  + "、".join(f"[{act.name_zh}](#{anchor(act.name)})" for act in acts) + "。",
                  "Each function of this chapter has an entry in the reference: "
                  + ", ".join(f"[{act.name_en}](#{anchor(act.name)})" for act in acts) + ".")
