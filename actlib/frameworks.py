"""How each framework writes an activation (``act.frameworks``) and where actlib deliberately differs
from it (``act.differences``).

``act.frameworks[framework]`` is one of

- ``"none"``: the framework has no such activation;
- a call form, e.g. ``"torch.nn.LeakyReLU(negative_slope=0.01)"``;
- a tuple of call forms, where the framework has several (a layer and a function with
  different defaults, or an alias): ``("keras.layers.LeakyReLU(negative_slope=0.3)",
  "keras.activations.leaky_relu(x, negative_slope=0.2)")``.

A call form is a dotted path that starts at the framework's module (``torch``, ``keras``,
``tf``, ``jax``), optionally followed by ``(…)`` holding a placeholder for the input (``x``,
``features``, ``logits``, ``input``), then keywords. ``name=literal`` states the value that
argument has in this form: the framework's default where it has one, else the value the form
passes; ``name=param`` passes actlib's parameter ``param`` (``threshold=threshold``). A class is
a layer (built with the keywords, then applied to the input); anything else is a function.
The TensorFlow column names TensorFlow's own operations; ``tf.keras`` is the Keras column.

``act.differences`` lists :class:`Differs` statements: at the input ``x`` the framework's result
is ``result`` where actlib's is another (the sign of a zero, a limit where the framework's formula
gives NaN, a derivative at a kink). The conformance suite checks every statement, and that
actlib and the framework agree everywhere else on its grid.

    from actlib.frameworks import forms
    [form.keywords for form in forms(actlib.leaky_relu, "keras")]
    # [{'negative_slope': 0.3}, {'negative_slope': 0.2}]
"""

from __future__ import annotations

import ast
import io
import math
import tokenize
from dataclasses import dataclass
from typing import Any

NONE = "none"
ROOTS = {"pytorch": "torch", "keras": "keras", "tensorflow": "tf", "jax": "jax"}
INPUTS = ("x", "features", "logits", "input")
DTYPES = ("float32", "float64")


@dataclass(frozen=True)
class CallForm:
    """One parsed call form: ``path`` (``"torch.nn.ELU"``), whether it is ``called`` with ``(…)``,
    its input placeholders, its literal keywords (name → value), the keywords that pass one of
    actlib's parameters (name → parameter), and the ``text`` it was read from."""

    text: str
    path: str
    called: bool
    inputs: tuple[str, ...]
    keywords: dict[str, Any]
    passes: dict[str, str]

    def __str__(self) -> str:
        return self.text


def _dotted(node: ast.expr) -> str | None:
    """``a.b.c`` for a chain of names and attributes, else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and (head := _dotted(node.value)) is not None:
        return f"{head}.{node.attr}"
    return None


def parse(text: str, framework: str, who: str) -> CallForm:
    """The call form ``text`` of ``framework``; ValueError naming ``who`` if it is not one."""
    where = f"{who}: frameworks[{framework!r}] = {text!r}"
    if not isinstance(text, str):
        raise ValueError(f"{where} must be a call form (str), 'none' or a tuple of call forms")
    try:
        tree = ast.parse(text.strip(), mode="eval").body
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except SyntaxError as error:
        raise ValueError(f"{where} is not a call form ({error.msg})") from None
    if any(t.type == tokenize.COMMENT for t in tokens):
        raise ValueError(f"{where}: a call form holds no comment (where actlib deliberately differs "
                         f"from the framework, say so in differences=)")
    call = tree if isinstance(tree, ast.Call) else None
    path = _dotted(call.func if call else tree)
    if path is None:
        raise ValueError(f"{where} is not a dotted path optionally called with (…)")
    root = ROOTS[framework]
    if path.split(".")[0] != root or "." not in path:
        raise ValueError(f"{where} must start with {root}.")
    inputs, keywords, passes = [], {}, {}
    for arg in call.args if call else ():
        if not (isinstance(arg, ast.Name) and arg.id in INPUTS):
            raise ValueError(f"{where}: a positional argument must be an input placeholder, one of {', '.join(INPUTS)}")
        inputs.append(arg.id)
    for keyword in call.keywords if call else ():
        if keyword.arg is None:
            raise ValueError(f"{where}: no **keywords in a call form")
        if isinstance(keyword.value, ast.Name) and keyword.value.id not in ("True", "False", "None"):
            passes[keyword.arg] = keyword.value.id
            continue
        try:
            keywords[keyword.arg] = ast.literal_eval(keyword.value)
        except ValueError:
            raise ValueError(f"{where}: keyword {keyword.arg} must be a literal or one of actlib's "
                             f"parameters, got {ast.unparse(keyword.value)}") from None
    return CallForm(text, path, call is not None, tuple(inputs), keywords, passes)


def parse_entry(value: Any, framework: str, who: str, params: tuple[str, ...] = ()) -> tuple[CallForm, ...]:
    """Every call form of one ``frameworks`` value: () for "none", one or several otherwise; a keyword
    that passes a parameter must name one of ``params`` (the activation's)."""
    if value == NONE:
        return ()
    texts = value if isinstance(value, tuple) else (value,)
    if not texts or (isinstance(value, tuple) and NONE in value):
        raise ValueError(f"{who}: frameworks[{framework!r}] = {value!r}: a tuple holds one or more call "
                         f"forms and no 'none'")
    parsed = tuple(parse(text, framework, who) for text in texts)
    if len(set(texts)) < len(texts):
        raise ValueError(f"{who}: frameworks[{framework!r}] lists a call form twice")
    for form in parsed:
        unknown = sorted(set(form.passes.values()) - set(params))
        if unknown:
            raise ValueError(f"{who}: frameworks[{framework!r}] = {form.text!r} passes {unknown[0]}, which is not "
                             f"a parameter of {who} (it has: {', '.join(params) or 'none'})")
    return parsed


# A framework keyword -> the actlib parameter it sets. A keyword not here and not named like one of
# actlib's parameters is the framework's own switch (PyTorch Softplus's threshold=20, Hardtanh's bounds).
PARAMETER_NAMES = {
    "negative_slope": "alpha",      # PyTorch, Keras and JAX leaky ReLU
    "init": "alpha",                # PyTorch PReLU's initial slope
    "alpha_initializer": "alpha",   # Keras PReLU's initial slope, an initializer's name
    "lambd": "threshold",           # PyTorch Hardshrink / Softshrink
    "b": "beta",                    # Keras and JAX squareplus
    "dim": "axis",                  # PyTorch's vector activations
}
# (actlib parameter, framework value) -> actlib's value, where the two spell one choice differently.
VALUES = {("approximate", False): "none", ("approximate", True): "tanh",      # GELU: exact or tanh form
          ("alpha", "Zeros"): 0.0, ("alpha", "zeros"): 0.0, ("alpha", "Ones"): 1.0, ("alpha", "ones"): 1.0}


def actlib_keywords(act, form: CallForm) -> dict[str, Any]:
    """The actlib keywords that compute what ``form`` computes: its literal keywords that set one of
    actlib's parameters (PARAMETER_NAMES), in actlib's spelling (VALUES)."""
    out = {}
    for key, value in form.keywords.items():
        name = PARAMETER_NAMES.get(key, key)
        if name in act.defaults:
            out[name] = VALUES.get((name, value), value)
    return out


def forms(act, framework: str) -> tuple[CallForm, ...]:
    """The call forms of ``act`` in ``framework`` (() where it has none)."""
    return parse_entry(act.frameworks[framework], framework, act.name, tuple(act.defaults))


# --------------------------------------------------------------------------- deliberate differences
@dataclass(frozen=True)
class Differs:
    """At input ``x`` the framework's f(x) — f′(x) with ``grad`` — is ``result``, and actlib's is not.

    ``frameworks``: one key of FRAMEWORKS or a tuple of them; ``x`` and ``result``: a number, or a
    tuple for a vector activation (one lane); ``dtype``: "float32" or "float64" where the framework
    gives ``result`` in that dtype only (None: in both).
    """

    frameworks: str | tuple[str, ...]
    x: float | tuple[float, ...]
    result: float | tuple[float, ...]
    grad: bool = False
    dtype: str | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        return self.frameworks if isinstance(self.frameworks, tuple) else (self.frameworks,)

    def __str__(self) -> str:
        """``f(−0) = −0``, ``f′(0) = 1``, ``f(∞, 0) = (NaN, NaN)``; ``float32: …`` for one dtype."""
        text = f"{'f′' if self.grad else 'f'}({show(self.x, bare=True)}) = {show(self.result)}"
        return f"{self.dtype}: {text}" if self.dtype else text


def show(value: Any, bare: bool = False) -> str:
    """A number as a statement shows it: −0 with its sign, ±∞, NaN, a true minus sign; a tuple in (…)."""
    if isinstance(value, (tuple, list)):
        inner = ", ".join(show(v) for v in value)
        return inner if bare else f"({inner})"
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if value == 0:
        return "\N{MINUS SIGN}0" if math.copysign(1, value) < 0 else "0"
    text = "∞" if math.isinf(value) else f"{abs(value):g}"
    return ("\N{MINUS SIGN}" if value < 0 else "") + text


def _real(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_differences(who: str, frameworks: dict, differences: tuple, vector: bool) -> None:
    """ValueError naming ``who`` unless every statement names frameworks that have the activation,
    a number (a lane for a vector activation) in and out of matching shape, and a known dtype."""
    if not isinstance(differences, tuple) or not all(isinstance(d, Differs) for d in differences):
        raise ValueError(f"{who}: differences must be a tuple of Differs, got {differences!r:.80}")
    for d in differences:
        where = f"{who}: Differs({d})"
        if not d.keys or any(k not in ROOTS or frameworks.get(k) == NONE for k in d.keys):
            raise ValueError(f"{where}: frameworks {d.frameworks!r} must name frameworks that have {who}")
        if d.dtype not in (None, *DTYPES):
            raise ValueError(f"{where}: dtype must be None or one of {', '.join(DTYPES)}, got {d.dtype!r}")
        if vector:
            ok = (isinstance(d.x, tuple) and isinstance(d.result, tuple) and len(d.x) == len(d.result) > 0
                  and all(map(_real, d.x + d.result)) and not d.grad)
            shape = "x and result: tuples of numbers of one length (one lane), no grad"
        else:
            ok, shape = _real(d.x) and _real(d.result), "x and result: numbers"
        if not ok:
            raise ValueError(f"{where}: {shape}")
