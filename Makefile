# Every target creates .venv and installs the pinned dependencies when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: book test execute serve lab bench screenshots clean

$(STAMP): pyproject.toml requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip
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

## test: every test: actlib, notebooks (nbval strict), book build, browser
test: $(STAMP) $(AXE)
	$(BIN)/python -m pytest

## execute: re-run every chapter notebook in place, top to bottom, in a clean kernel
execute: $(STAMP)
	cd chapters && ../$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.timeout=300 --ExecutePreprocessor.kernel_name=python3 \
		--ExecutePreprocessor.record_timing=False *.ipynb

## serve: serve the built book on http://localhost:8000
serve: book
	$(BIN)/python -m http.server --directory _build/html 8000

## lab: open the chapters in JupyterLab
lab: $(STAMP)
	cd chapters && ../$(BIN)/jupyter lab

## bench: accuracy, speed and explorer latency, into benchmarks/results (`$(BIN)/python -m benchmarks --book` adds build cost)
bench: $(STAMP)
	$(BIN)/python -m benchmarks

## screenshots: PNGs of every built page at 390 and 1280 px in 中文, English and 双语, into _build/screenshots
screenshots: book
	$(BIN)/python -m tools.screenshots

clean:
	rm -rf _build .pytest_cache .hypothesis
