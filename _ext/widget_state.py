"""Sphinx extension: no ipywidgets state in the HTML.

MyST-NB writes a notebook's saved widget state (``metadata.widgets``) into its page as a
``<script type="application/vnd.jupyter.widget-state+json">``, for the ipywidgets HTML manager to
revive the widgets. The book loads no such manager (``nb_ipywidgets_js: {}``): its explorers carry
their own static HTML, so the state is dead weight (hundreds of kB on a chapter with sliders).
"""

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _drop_widget_state(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files", [])
    context["script_files"] = [s for s in scripts if s.attributes.get("type") != WIDGET_STATE]


def setup(app):
    app.connect("html-page-context", _drop_widget_state)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
