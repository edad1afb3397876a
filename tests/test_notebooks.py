"""The chapter notebooks and the reference appendix (appendix/reference.ipynb) re-run cleanly and
reproduce their stored outputs (nbval, strict mode).

Each notebook runs in its own ``python -m pytest --nbval`` subprocess from the repository root:
nbval starts a fresh kernel in this virtual environment (``--nbval-current-env``), executes the
cells top to bottom with the notebook's folder as working directory, and compares every output with the
one stored in the notebook (text, LaTeX, Markdown, HTML; images are not compared). A notebook
whose stored outputs are stale fails here; ``make execute`` refreshes them.

A subprocess keeps the kernel and nbval's collection out of this pytest process. It reads the
same ``[tool.pytest.ini_options]``, so ``filterwarnings = error`` holds in nbval's process too.

nbval executes cells with ``store_history=False``, and IPython then ignores a trailing ``;``:
``ax.plot(...);`` as a cell's last line adds an ``execute_result`` under nbval that the stored
notebook (run by nbconvert) lacks. End figure cells with ``plt.show()`` instead
(``test_notebook_style.py`` checks this).

Each notebook runs twice: as this machine computes, and with NumPy's and OpenBLAS's kernels held to
AVX2 (kernels.py), as on a processor without AVX-512. The last bits of exp, log and of sums differ
between the two, so a cell that prints digits of rounding noise (an error of 7.4e-11 that is 8.4e-11
elsewhere) fails one of the runs: such a cell prints the size of the noise instead
(``actlib.tables.error``, ``actlib.display.tex_order``). The two runs of a notebook go side by side,
one per core.
"""

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kernels import avx2_kernels

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb")) + [ROOT / "appendix" / "reference.ipynb"]


def test_there_are_chapter_notebooks():
    assert NOTEBOOKS, "no notebook in chapters/"


KERNELS = ("native", "avx2")


def nbval(notebook: Path, kernels: str) -> subprocess.Popen:
    """``pytest --nbval`` of one notebook in a subprocess, with this machine's kernels or AVX2's."""
    command = [
        sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env",
        "--nbval-cell-timeout=300",
        "-p", "no:cacheprovider",          # leave no .pytest_cache behind in chapters/
        "-o", "addopts=",                  # no "-ra" summary of the parent run
        "-q", str(notebook.relative_to(ROOT)),
    ]
    if (sanitize := ROOT / "tests" / "nbval_sanitize.cfg").exists():
        command.append(f"--nbval-sanitize-with={sanitize}")
    env = os.environ | (avx2_kernels() if kernels == "avx2" else {})
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def runs():
    """(notebook, kernels) -> (exit code, stdout, stderr) of its nbval run. A notebook's runs with both
    kernels go side by side, one per core, and the next notebook's start once they have finished."""
    done: dict[tuple[Path, str], tuple[int, str, str]] = {}

    def run(notebook: Path, kernels: str) -> tuple[int, str, str]:
        if (notebook, kernels) not in done:
            started = {kernels: nbval(notebook, kernels)}
            for other in KERNELS:
                if other != kernels:
                    with contextlib.suppress(pytest.skip.Exception):    # no AVX2: that test skips itself
                        started[other] = nbval(notebook, other)
            for k, process in started.items():
                try:
                    stdout, stderr = process.communicate(timeout=900)
                except subprocess.TimeoutExpired:
                    process.kill()
                    raise
                done[notebook, k] = process.returncode, stdout, stderr
        return done[notebook, kernels]

    return run


@pytest.mark.parametrize("kernels", KERNELS)
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_notebook_reproduces_its_outputs(notebook, kernels, runs):
    returncode, stdout, stderr = runs(notebook, kernels)
    assert returncode == 0, (
        f"nbval failed for {notebook.name} with {kernels} kernels (exit {returncode}); refresh the stored outputs "
        f"with `make execute` if the code changed on purpose.\n"
        f"--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}"
    )
