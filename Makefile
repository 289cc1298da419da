# gongwen — every target sets up what it needs: a fresh machine only needs python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= out/demo
PACK ?= yangquan-chengqu
ROSTER ?= corpus/roster.yaml
DB ?= gongwen.sqlite
BENCH_ARGS ?=
SERVE_DB ?= out/serve/gongwen.sqlite
SERVE_DATA ?= out/serve/uploads
HOST ?= 127.0.0.1
PORT ?= 8000
ROLE ?= clerk

.PHONY: install demo test serve user eval bench cold-start corpus rule-docs nightly clean

install: $(STAMP)

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The main job on the bundled corpus: a readable review on the terminal, reports under $(OUT)/.
demo: install
	@mkdir -p $(OUT)
	$(BIN)/gongwen check corpus/documents --rules $(PACK) --roster $(ROSTER) --fail-on never
	$(BIN)/gongwen check corpus/documents --rules $(PACK) --roster $(ROSTER) --fail-on never --format html -o $(OUT)/review.html
	$(BIN)/gongwen batch corpus/documents --rules $(PACK) --roster $(ROSTER) --db $(OUT)/gongwen.sqlite
	$(BIN)/gongwen report nightly --db $(OUT)/gongwen.sqlite --output $(OUT)/nightly
	@echo "报告已写入 $(OUT)/：review.html（逐份审查意见）、nightly/nightly.html 与 nightly.xlsx（日报）"

test: install
	$(BIN)/python -m pytest

# The web service on the demo's pack and roster; accounts: make user NAME=… ROLE=clerk|director|admin
serve: install
	@mkdir -p $(dir $(SERVE_DB))
	$(BIN)/gongwen serve --host $(HOST) --port $(PORT) --db $(SERVE_DB) --data-dir $(SERVE_DATA) --rules $(PACK) --roster $(ROSTER)

user: install
	@mkdir -p $(dir $(SERVE_DB))
	$(BIN)/gongwen users add "$(NAME)" --role $(ROLE) --db $(SERVE_DB)

eval: install
	$(BIN)/python -m corpus.evaluate --details

bench: install
	$(BIN)/python -m corpus.bench.run $(BENCH_ARGS)

# Only the bench's cold-start figure: `gongwen check` of one .docx, median of five (bytecode cached).
cold-start: install
	$(BIN)/python -m corpus.bench.run --cold-start corpus/documents/da-01-qingshi-three.docx

corpus: install
	$(BIN)/python -m corpus.build

rule-docs: install
	$(BIN)/python -c "from gongwen.validators.catalog import write_rule_docs; write_rule_docs('docs/rules')"

# For cron: 0 6 * * * cd /srv/gongwen && make nightly DB=/srv/gongwen/gongwen.sqlite
nightly: install
	$(BIN)/gongwen report nightly --db $(DB) --since $$(date -d yesterday +%F) --output out/nightly/$$(date +%F)

clean:
	rm -rf $(VENV) out .pytest_cache
