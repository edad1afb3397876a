"""Sphinx extension: MathJax loads only the components the book uses.

sphinx-mathjax-offline serves MathJax 3 from ``_static/mathjax`` and points ``mathjax_path`` at the
combined ``tex-chtml.js``, which also bundles the contextual menu (ui/menu, a third of its weight).
Pages here load MathJax's small ``startup.js`` instead, which fetches the TeX input (with the
autoload of rarer packages), the CommonHTML output and the assistive MathML for screen readers.
The CommonHTML output fetches only the woff-v2 fonts a page's formulas use.
"""

COMPONENTS = ["input/tex", "output/chtml", "a11y/assistive-mml"]


def _configure(app, config):
    config.mathjax_path = "mathjax/startup.js"
    mathjax = dict(config.mathjax3_config or {})
    mathjax["loader"] = {**mathjax.get("loader", {}), "load": COMPONENTS}
    config.mathjax3_config = mathjax


def setup(app):
    app.connect("config-inited", _configure)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
