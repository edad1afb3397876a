"""The lock files pin every package each environment installs, and this environment is the lock's.

requirements.txt (Binder), requirements-dev.txt (the book and the tests) and
requirements-frameworks.txt (the conformance suite) are written by ``make lock`` from the .in
files beside them; the Makefile installs from the locks. conformance/test_environment.py checks
the frameworks' environment the same way.
"""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tools import locks

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"[A-Za-z0-9_.\-]+==[\w.+]+( ; .+)?")


def top_level(source: str) -> dict[str, str]:
    """name -> pinned version of the ``name==version`` lines of a .in file."""
    lines = [line.split("#")[0].strip() for line in (ROOT / source).read_text(encoding="utf-8").splitlines()]
    found = [Requirement(line) for line in lines if "==" in line]
    return {canonicalize_name(r.name): str(next(iter(r.specifier)).version) for r in found}


@pytest.mark.parametrize("lock", locks.LOCKS.values())
def test_every_line_of_a_lock_is_one_exact_version(lock):
    lines = [line.split("#")[0].strip() for line in (ROOT / lock).read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    assert lines[0] == "-e .", f"{lock} must install actlib itself first"
    loose = [line for line in lines[1:] if not PIN.fullmatch(line)]
    assert not loose, f"{lock}: not pinned to one version: {loose}"
    assert len(locks.entries(lock)) > 40, f"{lock} should pin every package it brings in, not just the top level"


@pytest.mark.parametrize("lock", locks.LOCKS.values())
def test_a_lock_holds_the_versions_its_source_asks_for(lock):
    """A pin changed in the .in file without `make lock` leaves the lock behind: this fails."""
    source = lock.removesuffix(".txt") + ".in"
    asked = top_level(source)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    asked |= {canonicalize_name(d.split("==")[0]): d.split("==")[1] for d in project["dependencies"]}
    locked = {canonicalize_name(r.name): str(next(iter(r.specifier)).version) for r in locks.entries(lock)}
    assert {k: locked.get(k) for k in asked} == asked, f"run `make lock`: {lock} is not {source}"


def test_the_book_environment_keeps_binders_versions():
    binder = {canonicalize_name(r.name): (str(r.specifier), r.marker) for r in locks.entries("requirements.txt")}
    book = {canonicalize_name(r.name): (str(r.specifier), r.marker) for r in locks.entries("requirements-dev.txt")}
    assert {k: book.get(k, ("missing", None))[0] for k in binder} == {k: v[0] for k, v in binder.items()}


def test_this_environment_is_the_lock():
    assert locks.mismatches("requirements-dev.txt") == [], "run `make` to install requirements-dev.txt"


def test_the_makefile_installs_from_the_locks():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = re.findall(r"pip install [^\n]*-r (\S+)", makefile)
    assert sorted(installs) == ["requirements-dev.txt", "requirements-frameworks.txt"], installs
    assert re.search(r"^lock:", makefile, re.M), "make lock writes the lock files"
