"""pytest.raises for error messages that must name things: the function, the argument, what is allowed."""

import re

import pytest


def raises(error, *words):
    """pytest.raises(error) for a message that holds each of ``words`` (plain text, in any order)."""
    return pytest.raises(error, match="(?s)" + "".join(f"(?=.*{re.escape(w)})" for w in words))
