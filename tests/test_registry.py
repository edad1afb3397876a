"""The registry and the public API: names, look-up, aliases, metadata, parameters vs the spec."""

import dataclasses
import math
import re
import subprocess
import sys

import actlib
import pytest

from reference import REQUIRED, SPEC_ALIASES, SPEC_OPTIONS, SPEC_PARAMS

CJK = re.compile(r"[\u4e00-\u9fff]")
FRAMEWORKS = {"pytorch", "keras", "tensorflow", "jax"}


def test_names_are_exactly_the_spec_list():
    names = actlib.names()
    assert len(names) >= 30
    assert len(set(names)) == len(names), "a name is listed twice"
    assert set(names) == set(REQUIRED), (f"missing {sorted(set(REQUIRED) - set(names))}, "
                                         f"not in the spec {sorted(set(names) - set(REQUIRED))}")


def test_lookup_by_name_and_attribute(name):
    act = actlib.get(name)
    assert act.name == name
    assert getattr(actlib, name) is act
    assert name in actlib.__all__


@pytest.mark.parametrize(("alias", "target"), SPEC_ALIASES.items())
def test_alias(alias, target):
    assert actlib.get(alias) is actlib.get(target)
    assert getattr(actlib, alias) is actlib.get(target)
    assert alias not in actlib.names(), "aliases are not listed twice"


def test_unknown_name_is_a_key_error():
    with pytest.raises(KeyError, match="softmaks"):
        actlib.get("softmaks")


def test_kind(name):
    act = actlib.get(name)
    if name in SPEC_OPTIONS and "axis" in SPEC_OPTIONS[name]:
        assert isinstance(act, actlib.VectorActivation)
        assert callable(act.jacobian) and callable(act.vjp)
    else:
        assert isinstance(act, actlib.Activation)
        assert isinstance(act.properties, actlib.Properties)
        assert callable(act.grad)


def test_text_and_formulas(name):
    act = actlib.get(name)
    for field in ("name_zh", "name_en", "summary_zh", "summary_en", "latex", "grad_latex"):
        value = getattr(act, field)
        assert isinstance(value, str) and value.strip(), f"{name}.{field} is empty"
    assert CJK.search(act.summary_zh), f"{name}: summary_zh has no Chinese"
    assert not CJK.search(act.summary_en) and not CJK.search(act.name_en), f"{name}: Chinese in the English text"
    assert act.summary_zh != act.summary_en
    assert name in repr(act)


def test_about_texts_in_both_languages(name):
    """The reference appendix's explanation: a few sentences in each language, neither the one-line summary."""
    act = actlib.get(name)
    for field in ("about_zh", "about_en"):
        value = getattr(act, field)
        assert isinstance(value, str) and value.strip(), f"{name}.{field} is empty"
    assert CJK.search(act.about_zh) and act.about_zh.count("。") >= 2, f"{name}: about_zh is not two Chinese sentences"
    assert not CJK.search(act.about_en) and len(re.findall(r"[.;:] ", act.about_en)) >= 1, \
        f"{name}: about_en is not English sentences"
    assert '"' not in act.about_zh, f"{name}: about_zh quotes with \" (Chinese text uses “”)"
    assert act.about_zh != act.summary_zh and act.about_en != act.summary_en


def test_about_texts_are_required():
    fields = {f.name: f for f in dataclasses.fields(actlib.Activation)}
    assert all(fields[k].default is dataclasses.MISSING for k in ("about_zh", "about_en"))
    with pytest.raises(ValueError, match="probe_blank: about_zh and about_en"):
        actlib.VectorActivation(name="probe_blank", name_zh="空", name_en="blank", summary_zh="空。", summary_en="blank",
                                latex="f", frameworks=dict.fromkeys(FRAMEWORKS, "none"), about_zh=" ", about_en="")
    assert "probe_blank" not in actlib.names()


def test_frameworks_keys(name):
    frameworks = actlib.get(name).frameworks
    assert set(frameworks) == FRAMEWORKS
    for key, entry in frameworks.items():
        texts = entry if isinstance(entry, tuple) else (entry,)
        assert texts and all(isinstance(t, str) and t.strip() for t in texts), f"{name}: frameworks[{key!r}] is empty"


def test_params_are_consistent(name):
    for key, p in actlib.get(name).params.items():
        assert isinstance(p, actlib.Param)
        assert p.low <= p.default <= p.high and p.low < p.high, f"{name}.{key}: slider {p.low}..{p.high}, default {p.default}"
        assert 0 < p.step <= p.high - p.low
        assert p.default in p.valid, f"{name}.{key}: default {p.default} outside {p.valid}"
        assert all(v in p.valid for v in p.grid().tolist()), f"{name}.{key}: slider leaves {p.valid}"
        assert p.doc_zh.strip() and p.doc_en.strip() and CJK.search(p.doc_zh)
        grid = p.grid()
        assert grid[0] == p.low and grid[-1] == p.high


def test_params_match_the_spec(name):
    act = actlib.get(name)
    spec = SPEC_PARAMS.get(name, {})
    assert set(act.params) == set(spec), f"{name}: params {sorted(act.params)}, spec {sorted(spec)}"
    for key, s in spec.items():
        p = act.params[key]
        assert p.default == s.default, f"{name}.{key}: default {p.default}, spec {s.default}"
        for field in ("low", "high", "step"):
            if getattr(s, field) is not None:
                assert math.isclose(getattr(p, field), getattr(s, field), rel_tol=1e-12), f"{name}.{key}.{field}"
        if s.valid is not None:
            v = p.valid
            assert (v.low, v.high, v.low_closed, v.high_closed) == s.valid, f"{name}.{key}: valid {v}"


def test_options_match_the_spec(name):
    act = actlib.get(name)
    spec = SPEC_OPTIONS.get(name, {})
    assert set(act.options) == set(spec), f"{name}: options {sorted(act.options)}, spec {sorted(spec)}"
    for key, (default, choices) in spec.items():
        option = act.options[key]
        assert option.default == default and type(option.default) is type(default)
        assert option.choices == choices
        assert option.doc_zh.strip() and option.doc_en.strip()
    assert act.defaults == {k: p.default for k, p in SPEC_PARAMS.get(name, {}).items()} | {
        k: d for k, (d, _) in spec.items()}


def test_import_actlib_computes_nothing_and_loads_no_scipy():
    """A fresh `import actlib` runs no root-finding and builds no table: SciPy is loaded only by a function that
    needs it (GELU's far tail, a range's minimum), the GELU Taylor table on the first GELU call."""
    code = ("import sys, actlib; from actlib.activations import smooth; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'scipy'), "
            "smooth._gauss_taylor_tables.cache_info().currsize, 'range' in vars(actlib.gelu.properties))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[]", "0", "False"], out.stdout


def test_a_range_bound_given_as_a_function_is_computed_once_on_first_read():
    calls = []

    def minimum():
        calls.append(1)
        return -0.25

    p = actlib.Properties(range=(minimum, math.inf), monotonic=False, continuity=math.inf, zero_centred=False,
                          saturating_left=True, saturating_right=False, identity_near_zero=False)
    assert calls == []
    assert p.range == (-0.25, math.inf) and p.range == (-0.25, math.inf) and not p.bounded
    assert calls == [1]
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.range = (0, 1)
    assert p == dataclasses.replace(p) and "range=(-0.25, inf)" in repr(p)
