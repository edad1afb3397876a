"""Sphinx extension: the training playground (playground.md and the chapters' embeds).

A page that holds an element with ``data-playground`` gets three scripts and a style sheet:
``playground-forms.js``, the activations written by ``actlib.browser_forms.script()`` from the registry
at build time (so every activation of actlib is in the playground, and only those), then actlib's
``playground-engine.js`` (the training) and ``playground.js`` (the page), and ``playground.css``. Other
pages load none of them.
"""

import shutil
from pathlib import Path

ASSETS = ("playground-engine.js", "playground.js", "playground.css")


def _write_assets(app):
    from importlib import resources

    from actlib.browser_forms import script

    folder = Path(app.doctreedir) / "playground_static"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "playground-forms.js").write_text(script(), encoding="utf-8")
    static = resources.files("actlib").joinpath("static")
    for name in ASSETS:
        with resources.as_file(static.joinpath(name)) as source:
            shutil.copyfile(source, folder / name)
    app.config.html_static_path.append(str(folder))


def _scripts(app, pagename, templatename, context, doctree):
    if "data-playground" not in context.get("body", ""):
        return
    for name in ("playground-forms.js", "playground-engine.js", "playground.js"):
        app.add_js_file(name, priority=800)
    app.add_css_file("playground.css")


def setup(app):
    app.connect("builder-inited", _write_assets)
    app.connect("html-page-context", _scripts, priority=400)   # before unique_scripts copies the list
    return {"parallel_read_safe": True, "parallel_write_safe": True}
