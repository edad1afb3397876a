"""The built book, shared by the build tests and the browser tests: one build per test session.

The build goes into a temporary ``--path-output`` directory: the repository's own ``_build`` (and
its execution cache) is left alone, and every notebook is executed afresh, as on a fresh machine.
It runs in a subprocess, so the test process's ``filterwarnings = error`` does not reach Sphinx
or the kernels; their warnings are the build's own business (``--warningiserror``, and
``stderr_output: error`` in ``_config.yml``).
"""

import re
import subprocess
import sys
import time
from pathlib import Path

import yaml

from tools.browser import built_pages  # noqa: F401  (the tests take it from here, beside toc_pages)

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")


def toc_pages() -> list[str]:
    """Every document the table of contents lists, e.g. ``["intro", "chapters/02_sigmoid_tanh"]``."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]

    def walk(entries):
        for entry in entries or ():
            if "file" in entry:
                pages.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    walk(toc.get("chapters"))
    for part in toc.get("parts", ()):
        walk(part.get("chapters"))
    return [str(Path(p).with_suffix("")) for p in pages]


def build(out: Path) -> Path:
    """Build the book into ``out`` with warnings as errors; the HTML directory."""
    command = [str(JUPYTER_BOOK), "build", "--warningiserror", "--nitpick", "--keep-going",
               "--path-output", str(out), str(ROOT)]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    seconds = time.perf_counter() - start
    problems = [line for line in (result.stdout + result.stderr).splitlines()
                if re.search(r"WARNING|ERROR|Error|Traceback", line)]
    assert result.returncode == 0, (
        f"jupyter-book build failed (exit {result.returncode}, {seconds:.0f} s)\n"
        + "\n".join(problems[:50])
        + f"\n--- stdout ---\n{result.stdout[-20000:]}\n--- stderr ---\n{result.stderr[-20000:]}"
    )
    print(f"book built in {seconds:.1f} s")
    return out / "_build" / "html"
