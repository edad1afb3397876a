"""What Binder installs: requirements.txt brings actlib itself and pinned packages, on runtime.txt's Python.

Binder (repo2docker) runs ``pip install -r requirements.txt`` at the repository root and opens the
notebooks in ``chapters/``, where ``import actlib`` works only because the package is installed.
"""

import re
import tomllib
from pathlib import Path

from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parent.parent


def requirement_lines(name: str) -> list[str]:
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    return [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()]


def test_requirements_install_actlib_and_the_kernel():
    """requirements.txt is a lock file (tests/test_locks.py checks its pins); it must bring actlib and a kernel."""
    lines = requirement_lines("requirements.txt")
    assert "-e ." in lines, "requirements.txt must install actlib itself (-e .)"
    assert any(line.startswith("ipykernel==") for line in lines)


def test_actlib_dependencies_are_pinned():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert all("==" in dep for dep in project["dependencies"]), project["dependencies"]


def test_runtime_python_satisfies_the_package():
    runtime = (ROOT / "runtime.txt").read_text(encoding="utf-8").strip()
    match = re.fullmatch(r"python-(\d+\.\d+)", runtime)
    assert match, f"runtime.txt should read python-X.Y, not {runtime!r}"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert SpecifierSet(project["requires-python"]).contains(match.group(1) + ".0")
