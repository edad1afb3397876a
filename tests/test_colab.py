"""Colab's launch button works in one click: each chapter's first code cell installs actlib where it is
missing, and is silent where it is installed (so nbval and the book see no output from it).

On Colab the cell installs actlib from the book's repository without its dependencies: numpy, SciPy
and Matplotlib are Colab's own, already loaded when the notebook starts (a newer numpy installed
under a loaded one breaks the imports until the runtime restarts), so only the font package Colab
lacks comes with it.
"""

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import nbformat
import pytest
import yaml
from IPython.core.inputtransformer2 import TransformerManager

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))


def first_code_cell(notebook: Path):
    return next(c for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code")


def set_up_lines(notebook: Path) -> str:
    source = first_code_cell(notebook).source
    return source[:source.index("\n\n")]


class Kernel:
    """Stands in for get_ipython(): records the line magics a cell runs."""

    def __init__(self):
        self.magics = []

    def run_line_magic(self, name, line, _stack_depth=1):
        self.magics.append((name, line))


def run(source: str, actlib_missing: bool, monkeypatch) -> list:
    """The line magics that ``source`` (IPython syntax) runs, with actlib importable or not."""
    if actlib_missing:
        monkeypatch.setitem(sys.modules, "actlib", None)      # import actlib → ModuleNotFoundError
    kernel = Kernel()
    exec(TransformerManager().transform_cell(source), {"get_ipython": lambda: kernel})
    return kernel.magics


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_the_first_code_cell_sets_up_colab(notebook, monkeypatch):
    lines = set_up_lines(notebook)
    assert run(lines, actlib_missing=False, monkeypatch=monkeypatch) == [], "silent where actlib is installed"
    [(magic, line)] = run(lines, actlib_missing=True, monkeypatch=monkeypatch)
    repository = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]["url"]
    font = next(d for d in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
                if d.startswith("noto-cjk-sans-otc=="))
    assert magic == "pip"
    assert line.split() == ["install", "--quiet", "--no-deps", '"actlib', "@", f'git+{repository}"', font]


def test_every_chapter_has_the_same_set_up():
    assert len({set_up_lines(nb) for nb in NOTEBOOKS}) == 1


def test_the_repository_installs_as_a_package_with_the_explorers_files(tmp_path):
    """What `pip install --no-deps` of the repository builds: actlib with its script and style (built from
    a copy, so the build leaves nothing in the checkout)."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source)
    shutil.copytree(ROOT / "actlib", source / "actlib", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(tmp_path), str(source)], check=True, capture_output=True)
    [wheel] = tmp_path.glob("actlib-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"actlib/__init__.py", "actlib/activations/__init__.py", "actlib/static/explorer.js"} <= names
