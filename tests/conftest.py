"""Shared pytest set-up: which activations the tests run over, and the Hypothesis profile.

Tests take one of these arguments and are parametrised automatically:
    name     every activation: the spec's list together with whatever actlib registers
    ew       the elementwise ones          vec   the vector-valued ones
    ew_params  (elementwise name, non-default parameter set) for every set in reference.py
    ref_case   (name, parameter set) over the references alone, defaults included (no actlib)
A function the spec lists but actlib lacks is still a test case, and fails (actlib.get raises).
"""

import os
from pathlib import Path

import actlib
import pytest
from hypothesis import HealthCheck, settings

import book
import reference
from browsing import Visit
from tools.browser import launch, serve

# Modest example counts (the whole suite stays well under 2 minutes); in CI the examples are
# derandomized, so a run is reproducible and a red build is red again on the next try.
settings.register_profile("actlib", max_examples=25, deadline=None, derandomize=bool(os.environ.get("CI")),
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile("actlib")


def _registered(kind) -> set[str]:
    return {n for n in actlib.names() if isinstance(actlib.get(n), kind)}


EW = sorted(set(reference.ELEMENTWISE) | _registered(actlib.Activation))
VEC = sorted(set(reference.VECTOR) | _registered(actlib.VectorActivation))
ALL = sorted(set(EW) | set(VEC))
EW_PARAMS = [(n, c) for n in EW if n in reference.ELEMENTWISE for c in reference.ELEMENTWISE[n].cases]
REF_CASES = [(n, c) for n, r in reference.ELEMENTWISE.items() for c in ({}, *r.cases)]


def _case_id(case) -> str:
    name, params = case
    return name + "".join(f"[{k}={v}]" for k, v in params.items())


def pytest_generate_tests(metafunc):
    for arg, values, ids in (("name", ALL, None), ("ew", EW, None), ("vec", VEC, None),
                             ("ew_params", EW_PARAMS, [_case_id(c) for c in EW_PARAMS]),
                             ("ref_case", REF_CASES, [_case_id(c) for c in REF_CASES])):
        if arg in metafunc.fixturenames:
            metafunc.parametrize(arg, values, ids=ids)


@pytest.fixture(scope="session")
def html_dir(tmp_path_factory):
    """The book built once per session (book.py), for the build and the browser tests; or, to look
    again at a book already built, the HTML directory named by ``$BOOK_HTML``."""
    if os.environ.get("BOOK_HTML"):
        return Path(os.environ["BOOK_HTML"]).resolve()
    return book.build(tmp_path_factory.mktemp("book"))


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium driven by Playwright (tools/browser.py). Never skipped: without Chromium the
    tests fail."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = launch(p.chromium)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site(html_dir):
    """The built HTML served on 127.0.0.1 (a free port); its base URL."""
    server, url = serve(html_dir)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def visit(browser, site):
    """``visit(**context)`` opens a browser context on the book (a :class:`browsing.Visit`)."""
    visits = []

    def open_context(**context):
        visits.append(Visit(browser, site, **context))
        return visits[-1]

    yield open_context
    for v in visits:
        v.close()
