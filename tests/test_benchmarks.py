"""The benchmarks work: the ulp measure on known cases, and the accuracy and speed benchmarks run
end to end on a couple of functions and a small array (seconds; `make bench` runs them in full)."""

import inspect
import json
import math
import re
import sys
from pathlib import Path

import actlib
import numpy as np
import pytest
from mpmath import mpf

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `benchmarks` is a folder of the repository, not an installed package
    sys.path.insert(0, str(ROOT))

from benchmarks import accuracy, memory, peers, speed  # noqa: E402


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("exact", [1.5, -0.1, 3e-5, 7e20])
def test_three_ulp_off_scores_three(dtype, exact):
    x = np.array([exact], dtype=dtype)            # the exact value here is a float of the dtype
    got = x.copy()
    for _ in range(3):
        got = np.nextafter(got, np.inf, dtype=dtype)
    # 3 steps up from x; when x is negative, they move towards 0, where the spacing is the same
    # except at a power of two (none of the values above is one).
    error, at = accuracy.worst(got, [mpf(float(x[0]))], dtype, x)
    assert error == 3 and at == float(x[0])


def test_worst_finds_the_largest_error_and_scores_nan_infinite():
    xs = np.array([1.0, 2.0, 3.0])
    exact = [mpf(1), mpf(2), mpf(3)]
    got = np.array([1.0, np.nextafter(2.0, 3.0), 3.0])
    assert accuracy.worst(got, exact, "float64", xs) == (1.0, 2.0)
    got[2] = np.nan
    assert accuracy.worst(got, exact, "float64", xs) == (math.inf, 3.0)


def test_half_an_ulp_of_rounding():
    # 1/3 rounded to float64 is off by less than half an ulp of the exact value.
    error, _ = accuracy.worst(np.array([1 / 3]), [mpf(1) / 3], "float64", np.array([0.0]))
    assert 0.3 < error <= 0.5


def test_accuracy_benchmark_runs():
    results = accuracy.run(dense=101, names=["relu", "sigmoid"])
    relu = results["functions"]["relu"]
    for dtype in accuracy.DTYPES:
        for quantity in accuracy.QUANTITIES:
            assert relu[dtype]["actlib"][quantity]["grid"][0] == 0      # max(x, 0) and its slope are exact
            assert relu[dtype]["NumPy"][quantity]["grid"][0] == 0
        assert results["functions"]["sigmoid"][dtype]["actlib"]["value"]["grid"][0] < 4
    text = accuracy.render(results)
    assert "| relu |" in text and '<div lang="en">' in text


def test_speed_benchmark_runs():
    results = speed.run(size=1000, repeats=3, names=["relu", "sigmoid"])
    times = results["functions"]["sigmoid"]["float32"]["value"]
    assert {"actlib", "SciPy", "NumPy", "copy"} <= set(times)
    assert ("PyTorch" in times) == peers.INSTALLED["PyTorch"]
    assert all(t > 0 for t in times.values())
    assert "| sigmoid | derivative |" in speed.render(results)


def test_results_file_keeps_infinity_as_strict_json():
    from benchmarks.__main__ import decode, encode

    figures = {"ulp": [math.inf, 0.5], "nested": {"x": -math.inf}}
    text = json.dumps(encode(figures), allow_nan=False)
    assert decode(json.loads(text)) == figures


def test_tables_say_when_pytorch_is_not_installed():
    results = accuracy.run(dense=11, names=["relu"])
    for by_library in results["functions"]["relu"].values():
        by_library.pop("PyTorch", None)
    results["installed"] = results["installed"] | {"PyTorch": False}
    assert "| relu |" in accuracy.render(results) and "not installed |" in accuracy.render(results)


def test_memory_benchmark_runs_in_a_fresh_process():
    row = memory.measure("kept", calls=3)
    assert row["case"] == "kept" and row["calls"] == 3
    assert row["start_mb"] > 50                 # numpy, matplotlib and ipywidgets are loaded in it
    assert math.isfinite(row["growth_mb"]) and row["per_call_kb"] == pytest.approx(row["growth_mb"] * 1000 / 3)
    assert row["ms_per_call"] > 0
    results = {"goal_mb": memory.GOAL_MB, "explorers": memory.EXPLORERS, "cases": [row, row | {"case": "closed"}]}
    text = memory.render(results)
    assert "| 显示后保留 · displayed and kept | 3 |" in text and "| 显示后关闭 · displayed, then closed | 3 |" in text
    assert '<div lang="en">' in text and "`explore('elu')`" in text
    over = {**results, "cases": [row | {"growth_mb": memory.GOAL_MB + 1.0}]}
    assert " ✗ |" in memory.render(over) and "missed" in memory.render(over) and "未达标" in memory.render(over)


@pytest.mark.parametrize("case", sorted(speed.KERNEL_OF))
def test_each_formula_calls_the_kernel_the_speed_benchmark_names(case):
    """The 'why' table says a formula evaluates np.<kernel> on every entry: that kernel is in its source (GELU,
    whose Φ is actlib's own table, is named with SciPy's ndtr and has no np call of its own to check)."""
    act_name, quantity = case
    kernel = speed.KERNEL_OF[case]
    rule = getattr(actlib.get(act_name), "value" if quantity == "value" else "derivative")
    source = inspect.getsource(inspect.unwrap(rule))
    if kernel == "ndtr":
        assert act_name == "gelu"
        return
    helpers = {"sigmoid": "exp", "_sigmoid": "exp", "sigmoid_pair": "exp", "logistic": "exp", "sigmoid_grad": "exp",
               "softplus": "log1p", "_softplus": "log1p"}                  # actlib.numerics kernels and what they call
    called = re.findall(r"np\.(\w+)\(", source) + re.findall(rf"\b({'|'.join(helpers)})\(", source)
    assert kernel in {helpers.get(c, c) for c in called}, f"{case}: {kernel} not in {sorted(set(called))}"


def test_the_speed_benchmark_reads_numpys_dispatch_for_each_kernel():
    loops = speed.dispatch("float32")
    assert set(loops) == set(speed.NUMPY_KERNELS)
    assert all(loop == "baseline" or loop.startswith("X86_") or loop.startswith("AVX") for loop in loops.values())


def test_every_bilingual_table_header_of_the_appendix_has_whole_halves():
    """A header "中文 · English" shows one half per language: the English half has no Chinese, and every Latin
    word or symbol of the Chinese half (actlib, ÷, RSS, …) is in the English half too, so neither reads as a
    fragment ("peer" for "actlib ÷ 对照")."""
    lines = (ROOT / "benchmarks" / "results" / "latest.md").read_text(encoding="utf-8").splitlines()
    headers = [line for line, below in zip(lines, lines[1:]) if line.startswith("|") and below.startswith("|---")]
    assert headers
    for header in headers:
        for cell in (c.strip() for c in header.strip("|").split("|")):
            if " · " not in cell:
                continue
            zh, en = cell.split(" · ", 1)
            assert re.search(r"[\u4e00-\u9fff]", zh) and not re.search(r"[\u4e00-\u9fff]", en), cell
            missing = [w for w in re.findall(r"[A-Za-z0-9_.÷×%+/−-]+", zh) if w not in en]
            assert not missing, f"{cell!r}: {missing} only in the Chinese half"
