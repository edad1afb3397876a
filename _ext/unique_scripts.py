"""Sphinx extension: each page includes every script once.

sphinx-thebe and sphinx-togglebutton register their inline set-up scripts (``const THEBE_JS_URL
= …``) once at start-up and again, with ``''`` instead of ``None`` as file name, each time the
documents are read. A page then declares the constant twice and the browser logs "Identifier
'THEBE_JS_URL' has already been declared". Keeping the first script of each (file, priority,
attributes) fixes it.
"""


def _drop_repeated_scripts(app, pagename, templatename, context, doctree):
    unique = {}
    for script in context.get("script_files", ()):
        key = (script.filename or "", script.priority, tuple(sorted(script.attributes.items())))
        unique.setdefault(key, script)
    context["script_files"] = list(unique.values())


def setup(app):
    app.connect("html-page-context", _drop_repeated_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
