# Every target creates .venv and installs the pinned dependencies when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: book test conformance lock execute serve lab bench screenshots clean

$(STAMP): pyproject.toml requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq pip==26.3
	$(BIN)/python -m pip install -qq -r requirements-dev.txt
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 > /dev/null
	touch $(STAMP)

## book: build the HTML book into _build/html (warnings are errors)
book: $(STAMP)
	$(BIN)/jupyter-book build --warningiserror --nitpick --keep-going .

# axe-core for the accessibility tests (package.json, exact versions in package-lock.json)
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(AXE)

## test: every test: actlib, notebooks (nbval strict), book build, browser (a Chromium first: tools/browser.py)
test: $(STAMP) $(AXE)
	$(BIN)/python -m tools.browser
	$(BIN)/python -m pytest

# The framework conformance suite's own environment: PyTorch (CPU), TensorFlow (CPU), Keras 3 and JAX,
# pinned in requirements-frameworks.txt; the book's .venv never holds them.
FW_VENV := .venv-frameworks
FW_STAMP := $(FW_VENV)/.installed

$(FW_STAMP): pyproject.toml requirements-frameworks.txt
	test -x $(FW_VENV)/bin/python || $(PYTHON) -m venv $(FW_VENV)
	$(FW_VENV)/bin/python -m pip install -qq pip==26.3
	$(FW_VENV)/bin/python -m pip install -qq -r requirements-frameworks.txt
	touch $(FW_STAMP)

## conformance: check every framework entry of the registry against PyTorch, Keras, TensorFlow and JAX
# The registry states what the frameworks give with AVX2 kernels. On an AVX-512 processor oneDNN's float32
# kernels differ at the edges: TensorFlow's softmax gives (NaN, 0, 0, 0) for a lane holding NaN or ∞, and
# PyTorch's GELU ∞ at the largest float32. So oneDNN is held to AVX2, and TensorFlow to its own kernels.
conformance: $(FW_STAMP)
	ONEDNN_MAX_CPU_ISA=AVX2 TF_ENABLE_ONEDNN_OPTS=0 \
		$(FW_VENV)/bin/python -m pytest -c conformance/pytest.ini --rootdir=conformance conformance

# The lock files: every package each environment installs, pinned, resolved by uv from the .in files
# for Python 3.11 (runtime.txt). Binder's and the book's on any platform; the frameworks' for Linux
# x86-64, where the CI runs (PyTorch's CPU build: see requirements-frameworks.in).
UV := $(BIN)/uv
UV_COMPILE := $(UV) pip compile --quiet --python-version 3.11 --no-header --annotation-style line

## lock: write requirements.txt, requirements-dev.txt and requirements-frameworks.txt anew from their .in files
lock: $(UV)
	$(UV_COMPILE) --universal requirements.in -o requirements.txt
	$(UV_COMPILE) --universal requirements-dev.in -o requirements-dev.txt
	$(UV_COMPILE) --python-platform x86_64-manylinux_2_28 --index-strategy unsafe-best-match \
		requirements-frameworks.in -o requirements-frameworks.txt

$(UV):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq uv==0.13.8

## execute: re-run every notebook (chapters and the reference appendix) in place, top to bottom, each in a clean kernel in its own folder
execute: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.timeout=300 --ExecutePreprocessor.kernel_name=python3 \
		--ExecutePreprocessor.record_timing=False chapters/*.ipynb appendix/*.ipynb

## serve: serve the built book on http://localhost:8000
serve: book
	$(BIN)/python -m http.server --directory _build/html 8000

## lab: open the chapters in JupyterLab
lab: $(STAMP)
	cd chapters && ../$(BIN)/jupyter lab

## bench: accuracy and speed (in the frameworks' environment, so that PyTorch is among the peers), explorer latency,
## memory, page weight and the playground, into benchmarks/results (`$(BIN)/python -m benchmarks --book` adds build cost)
bench: $(STAMP) $(FW_STAMP)
	$(FW_VENV)/bin/python -m benchmarks accuracy speed
	$(BIN)/python -m benchmarks explorer memory weight playground

## screenshots: PNGs of every built page at 390 and 1280 px in 中文, English and 双语, into _build/screenshots
screenshots: book
	$(BIN)/python -m tools.screenshots

clean:
	rm -rf _build .pytest_cache .hypothesis
