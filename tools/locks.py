"""The lock files (requirements*.txt, written by ``make lock``) against what an environment has installed.

A lock line is ``name==version``, optionally ``; marker`` (a package only some platforms need); the
editable ``-e .`` is actlib itself.
"""

from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCKS = {"binder": "requirements.txt", "book": "requirements-dev.txt", "frameworks": "requirements-frameworks.txt"}


def entries(lock: str) -> list[Requirement]:
    """The pinned requirements of a lock file (comments, blank lines and ``-e .`` left out)."""
    lines = (ROOT / lock).read_text(encoding="utf-8").splitlines()
    found = [line.split("#")[0].strip() for line in lines]
    return [Requirement(line) for line in found if line and not line.startswith("-e ")]


def pins(lock: str) -> dict[str, str]:
    """name -> version for every line of the lock whose marker holds here."""
    return {canonicalize_name(r.name): str(next(iter(r.specifier)).version)
            for r in entries(lock) if r.marker is None or r.marker.evaluate()}


def mismatches(lock: str) -> list[str]:
    """Every pinned package of ``lock`` (for this platform) that is missing here or installed at another version."""
    wrong = []
    for requirement in entries(lock):
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        try:
            installed = metadata.version(requirement.name)
        except metadata.PackageNotFoundError:
            wrong.append(f"{requirement.name}: not installed, the lock says {requirement.specifier}")
            continue
        if not requirement.specifier.contains(installed, prereleases=True):
            wrong.append(f"{requirement.name}: {installed} installed, the lock says {requirement.specifier}")
    return wrong
