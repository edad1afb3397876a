"""The conformance environment is its lock file: every package of requirements-frameworks.txt is
installed here at the version pinned (tools/locks.py; tests/test_locks.py checks the book's)."""

from tools import locks


def test_this_environment_is_the_lock():
    assert locks.mismatches("requirements-frameworks.txt") == [], "`make conformance` installs the lock"
