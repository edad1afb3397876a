"""The static depth explorer (text/html of actlib.explore_depth) in headless Chromium, with no kernel.

What the page draws after each slider step is compared with what Python computes from actlib for that
σ_w² and depth (curves, y-axes that follow depth_explorer._log_view from the view shown before, x ticks,
the table's numbers); the page must log no error and request nothing but its own file.
"""


import numpy as np
import pytest

import actlib
from browsing import same_path
from actlib import depth_explorer as D
from actlib import depth_static as DS


class DepthPage:
    def __init__(self, browser, tmp_path, **kwargs):
        self.spec = D.build(**kwargs)
        html = DS.render(self.spec)
        path = tmp_path / "depth.html"
        path.write_text('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>depth</title></head>'
                        f"<body>{html}</body></html>", encoding="utf-8")
        self.url = path.as_uri()
        self.context = browser.new_context(viewport={"width": 1000, "height": 900})
        self.page = self.context.new_page()
        self.console, self.requests = [], []
        self.page.on("console", lambda m: self.console.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.console.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(self.url)
        self.views = [self.view(k, self.spec.base, self.spec.depth, None) for k in range(2)]

    def view(self, panel, position, depth, before):
        logs = np.concatenate([self.spec.curves(fn, position, depth)[panel] for fn in range(len(self.spec.acts))])
        return D._log_view(float(logs.min()), float(logs.max()), before)

    def expect(self, position, depth):
        """Check the page against Python at (position, depth), the y views following from the last ones."""
        end = D._x_end(depth)
        for panel, key in enumerate(("q", "g")):
            self.views[panel] = self.view(panel, position, depth, self.views[panel])
            frame = DS._Frame(end, self.views[panel])
            for fn in range(len(self.spec.acts)):
                want = frame.curve(self.spec.curves(fn, position, depth)[panel])
                got = self.page.get_attribute(f'.actd-p{key} path[data-fn="{fn}"]', "d")
                assert same_path(got, want), (key, fn, position, depth)
            labels = self.page.locator(f".actd-p{key} .actd-yticks text").all_text_contents()
            bottom, top, step = self.views[panel]
            assert labels == [D._power_of_ten(e) for e in range(bottom, top + 1, step)]
            ticks = self.page.locator(f".actd-p{key} .actd-xticks text").all_text_contents()
            assert ticks == [str(t) for t in DS.x_ticks(end)]
        cells = [(self.page.text_content(f"tbody tr:nth-child({fn + 1}) .actd-qL"),
                  self.page.text_content(f"tbody tr:nth-child({fn + 1}) .actd-g1")) for fn in range(len(self.spec.acts))]
        shown = [self.spec.curves(fn, position, depth) for fn in range(len(self.spec.acts))]
        assert cells == [(D._scientific(lq[-1]), D._scientific(lg[0])) for lq, lg in shown]

    def close(self):
        self.context.close()
        assert self.console == []
        assert all(url == self.url for url in self.requests)      # nothing from any host


@pytest.fixture
def depth_page(browser, tmp_path):
    page = DepthPage(browser, tmp_path)
    yield page
    page.close()


def test_every_weight_scale_draws_what_actlib_computes(depth_page):
    p = depth_page
    assert p.page.is_visible(".actx-controls")
    p.expect(p.spec.base, p.spec.depth)
    p.page.focus(".actd-w")
    p.page.keyboard.press("Home")
    p.expect(0, p.spec.depth)
    for position in range(1, len(D.SIGMA_W2)):
        p.page.keyboard.press("ArrowRight")
        assert p.page.get_attribute(".actd-w", "aria-valuetext") == f"σ_w² = {D._shown(D.SIGMA_W2[position])}"
        p.expect(position, p.spec.depth)


def test_the_depth_slider_lengthens_the_curves_and_rescales_the_layers(depth_page):
    p = depth_page
    p.page.focus(".actd-L")
    p.page.keyboard.press("Home")
    p.expect(p.spec.base, 1)
    for depth in (2, 3, 9, 10, 11, 20, 21, 50, 51, 100):
        while int(p.page.input_value(".actd-L")) < depth:
            p.page.keyboard.press("ArrowRight")
        assert p.page.text_content('output[for$="-L"]') == str(depth)
        p.expect(p.spec.base, depth)


def test_reset_returns_to_the_start(depth_page):
    p = depth_page
    start = p.page.get_attribute('.actd-pg path[data-fn="0"]', "d")
    p.page.focus(".actd-w")
    p.page.keyboard.press("End")
    p.page.focus(".actd-L")
    p.page.keyboard.press("Home")
    assert p.page.get_attribute('.actd-pg path[data-fn="0"]', "d") != start
    p.page.click(".actx-reset")
    assert p.page.get_attribute('.actd-pg path[data-fn="0"]', "d") == start
    assert p.page.input_value(".actd-w") == str(p.spec.base) and p.page.input_value(".actd-L") == str(p.spec.depth)
    p.views = [p.view(k, p.spec.base, p.spec.depth, None) for k in range(2)]
    p.expect(p.spec.base, p.spec.depth)


def test_without_script_the_start_is_drawn_and_no_dead_controls(browser, tmp_path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    spec = D.build(["tanh", "relu"], depth=30, sigma_w2=1.0, sigma_b2=0.05)
    path = tmp_path / "still.html"
    path.write_text(f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>still</title></head><body>'
                    f"{actlib.explore_depth(['tanh', 'relu'], depth=30, sigma_w2=1.0, sigma_b2=0.05).html}</body></html>",
                    encoding="utf-8")
    page.goto(path.as_uri())
    assert page.is_hidden(".actx-controls") and page.is_visible(".actd-pq") and page.is_visible(".actd-pg")
    want = D._scientific(spec.curves(0, spec.base, 30)[0][-1])
    assert page.text_content("tbody tr:nth-child(1) .actd-qL") == want
    context.close()
