"""Hypothesis fuzzing of actlib.explore_depth and of its spec and widget (the project's profile, tests/conftest.py).

1. ``explore_depth`` / ``build`` with fuzzed arguments either raise TypeError or ValueError whose message starts
   with "explore_depth:" and names the bad argument, or make a spec whose curves are finite, have ``depth``
   points and end the gradient at 1 (log 0), with no warning;
2. ``DepthSpec.curves`` at any valid index equals the mean-field recursion run for that many layers (a run of
   exactly ``depth`` layers, not the stored 100), and refuses invalid indices naming the argument;
3. a live explorer driven through slider moves, reset and update in any order shows, after each step, the
   curves of its spec at the sliders' values.

FUZZED lists the public functions and methods this reaches (as tests/test_fuzz_coverage.py counts them).
"""

from __future__ import annotations

import math
import warnings

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

import actlib
from actlib import depth_explorer as D
from actlib import propagation as prop

FUZZED = {"actlib.explore_depth", "actlib.depth_explorer.explore_depth", "actlib.depth_explorer.build",
          "actlib.depth_explorer.DepthSpec", "actlib.depth_explorer.DepthSpec.curves",
          "actlib.depth_explorer.DepthExplorer", "actlib.depth_explorer.DepthExplorer.curves",
          "actlib.depth_explorer.DepthExplorer.reset", "actlib.depth_explorer.DepthExplorer.update"}

DRAWABLE = ["relu", "tanh", "selu", "gelu", "sigmoid", "elu", "silu", "leaky_relu", "softsign", "identity"]
ODD = st.one_of(st.none(), st.booleans(), st.integers(-10, 200), st.floats(), st.text(max_size=5),
                st.just(10 ** 400), st.fractions(), st.sampled_from(D.SIGMA_W2))
ARGUMENT = {"acts": st.one_of(st.lists(st.sampled_from(DRAWABLE), min_size=1, max_size=2, unique=True),
                              st.sampled_from(DRAWABLE), st.lists(ODD, max_size=2), ODD),
            "depth": st.one_of(st.integers(1, D.MAX_DEPTH), ODD),
            "sigma_w2": st.one_of(st.sampled_from(D.SIGMA_W2), ODD),
            "sigma_b2": st.one_of(st.floats(0, 1), ODD)}


@settings(max_examples=40)
@given(entry=st.sampled_from([actlib.explore_depth, D.explore_depth, D.build]), data=st.data())
def test_any_argument_works_or_is_refused_by_name(entry, data):
    chosen = data.draw(st.sets(st.sampled_from(sorted(ARGUMENT)), min_size=1, max_size=2))
    kwargs = {name: data.draw(ARGUMENT[name], label=name) for name in chosen}
    if "acts" not in kwargs:
        kwargs["acts"] = ["relu"]                            # one activation keeps the example quick
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            made = entry(**kwargs)
        except (TypeError, ValueError) as error:
            message = str(error)
            assert message.startswith("explore_depth: ") and any(name in message for name in kwargs), message
            return
    assert not caught, [str(w.message) for w in caught]
    spec = made if isinstance(made, D.DepthSpec) else made.spec
    for fn in range(len(spec.acts)):
        lq, lg = spec.curves(fn, spec.base, spec.depth)
        assert lq.shape == lg.shape == (spec.depth,) and np.all(np.isfinite(lq)) and np.all(np.isfinite(lg))
        assert lg[-1] == 0.0


SPEC = D.build(["tanh", "relu"], sigma_b2=0.05)


@given(fn=st.integers(0, 1), position=st.integers(0, len(D.SIGMA_W2) - 1), depth=st.integers(1, D.MAX_DEPTH))
def test_curves_are_the_recursion_run_for_that_depth(fn, position, depth):
    lq, lg = SPEC.curves(fn, position, depth)
    mf = prop.mean_field(SPEC.acts[fn], depth, D.SIGMA_W2[position], 0.05)
    np.testing.assert_allclose(lq, np.log10(mf.q), atol=1e-5)
    np.testing.assert_allclose(lg, np.log10(mf.grad), atol=1e-5 * depth)


@given(fn=st.one_of(st.integers(-3, 5), ODD), position=st.one_of(st.integers(-3, 40), ODD),
       depth=st.one_of(st.integers(-3, 120), ODD))
def test_curves_refuse_indices_outside_the_spec(fn, position, depth):
    valid = all(isinstance(v, int) and not isinstance(v, bool) for v in (fn, position, depth)) and \
        0 <= fn < 2 and 0 <= position < len(D.SIGMA_W2) and 1 <= depth <= D.MAX_DEPTH
    try:
        SPEC.curves(fn, position, depth)
    except (TypeError, ValueError) as error:
        assert not valid and str(error).startswith("DepthSpec.curves: ")
        assert any(name in str(error) for name in ("fn", "position", "depth"))
    else:
        assert valid


@given(spec=st.one_of(ODD, st.sampled_from(DRAWABLE)))
def test_a_depth_explorer_is_made_from_a_spec_only(spec):
    try:
        D.DepthExplorer(spec)
    except TypeError as error:
        assert str(error).startswith("DepthExplorer: spec must be")
    else:
        raise AssertionError("made from something that is not a DepthSpec")


class LiveDepthExplorer(RuleBasedStateMachine):
    """Slider moves, reset and update in any order: the figure shows the spec's curves at the sliders."""

    @initialize(depth=st.integers(1, D.MAX_DEPTH), position=st.integers(0, len(D.SIGMA_W2) - 1))
    def start(self, depth, position):
        self.ex = actlib.explore_depth(["relu", "tanh"], depth=depth, sigma_w2=D.SIGMA_W2[position])

    @rule(position=st.integers(0, len(D.SIGMA_W2) - 1))
    def move_sigma_w2(self, position):
        self.ex.sigma_w2.value = position

    @rule(depth=st.integers(1, D.MAX_DEPTH))
    def move_depth(self, depth):
        self.ex.depth.value = depth

    @rule()
    def reset(self):
        self.ex.reset()
        assert self.ex.values == {"sigma_w2": D.SIGMA_W2[self.ex.spec.base], "depth": self.ex.spec.depth}

    @rule()
    def update(self):
        self.ex.update()

    @invariant()
    def shows_the_current_values(self):
        if not hasattr(self, "ex"):
            return
        for fn, lines in enumerate(self.ex._figure.lines):
            want = self.ex.curves(fn)
            for line, logs in zip(lines, want):
                np.testing.assert_allclose(np.log10(line.get_ydata()), logs, atol=1e-9)
                assert list(line.get_xdata()) == list(range(1, self.ex.values["depth"] + 1))
        assert math.isclose(self.ex.values["sigma_w2"], D.SIGMA_W2[self.ex.sigma_w2.value])


LiveDepthExplorer.TestCase.settings = settings(max_examples=8, stateful_step_count=6, deadline=None)
test_live_depth_explorer = LiveDepthExplorer.TestCase
