# The two commands of the README: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in the admin's emails point to the address `make run` serves (`make run PORT=8001`).
PORTAL_BASE_URL ?= http://$(HOST):$(PORT)
# The two search engines the search tests run on, each asserted by the tests (conftest.py).
OPENSEARCH_VERSION ?= 2.19.6
ELASTICSEARCH_VERSION ?= 8.19.21
export OPENSEARCH_VERSION ELASTICSEARCH_VERSION
OPENSEARCH := SEARCH_URL=http://127.0.0.1:9200 SEARCH_ENGINE=opensearch2 SEARCH_SERVER="OpenSearch $(OPENSEARCH_VERSION)"
ELASTICSEARCH := SEARCH_URL=http://127.0.0.1:9201 SEARCH_ENGINE=elasticsearch8 SEARCH_SERVER="Elasticsearch $(ELASTICSEARCH_VERSION)"

.PHONY: run test test-fast install lint messages bench bench-cluster relevance pdfjs

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# The site with demo content on SQLite and the database search backend.
run: install
	bash scripts/services/packages.sh fonts
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_portal --demo
	$(PY) manage.py create_operator --password-file .run/operator-password
	@echo "Site: http://$(HOST):$(PORT)/   Admin: http://$(HOST):$(PORT)/admin/"
	PORTAL_BASE_URL=$(PORTAL_BASE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

# Everything, on PostgreSQL and a real Chromium, as CI runs it: the whole suite with
# OpenSearch, then the `search` tests again with Elasticsearch.
test: install
	bash scripts/services/postgres.sh
	bash scripts/services/opensearch.sh
	bash scripts/services/elasticsearch.sh
	bash scripts/services/clamav.sh
	bash scripts/services/redis.sh
	bash scripts/services/s3.sh
	bash scripts/services/packages.sh chromium gettext fonts varnish
	npm ci --no-audit --no-fund --silent  # axe-core for the accessibility tests
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	# The legal document's page on make run's SQLite too: on PostgreSQL it reads its lists
	# through SQL of its own (legal_docs/models/page_rows.py), elsewhere through the ORM.
	DATABASE_URL=sqlite:///:memory: DJANGO_SETTINGS_MODULE=portal.settings.test \
		$(PY) -m pytest -q tests/legal_docs/test_document_page.py
	$(OPENSEARCH) CLAMAV_ADDRESS=tcp:127.0.0.1:3310 S3_URL=http://127.0.0.1:9390 \
		DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m pytest
	$(ELASTICSEARCH) CLAMAV_ADDRESS=tcp:127.0.0.1:3310 \
		DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m pytest -m search

# A quick loop on SQLite without the browser; not a substitute for `make test`.
test-fast: install
	bash scripts/services/packages.sh gettext fonts
	DATABASE_URL=sqlite:///:memory: DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m pytest -m "not browser and not search and not postgres and not antivirus and not frontcache and not redis and not s3"

# The production stack under load (scripts/bench/load.py): gunicorn, PostgreSQL, the engine,
# Redis and 100,000 generated documents; prints the table docs/benchmarks.md keeps, the search row
# once per engine, every row as a ratio to the static file and to a stock Wagtail site on the
# same stack (scripts/bench/peer.py; BENCH_ARGS=--no-peer leaves it out), and the targets.
bench: install
	bash scripts/services/postgres.sh
	bash scripts/services/opensearch.sh
	bash scripts/services/elasticsearch.sh
	bash scripts/services/redis.sh
	bash scripts/services/packages.sh wrk varnish
	$(PY) scripts/bench/load.py $(BENCH_ARGS)

# Search on a 3-node OpenSearch cluster while one node stops and starts again
# (scripts/bench/cluster.py): requests, errors, searches answered by the database, and whether
# the index is complete afterwards. 5,000 generated documents in a database of their own.
bench-cluster: install
	bash scripts/services/postgres.sh
	SEARCH_NODES=3 bash scripts/services/opensearch.sh
	bash scripts/services/redis.sh
	bash scripts/services/packages.sh wrk
	$(PY) scripts/bench/cluster.py $(BENCH_ARGS)

# Relevance of search (scripts/bench/relevance.py): citizen queries over the demo registry on
# both engines, PostgreSQL and SQLite; prints each backend's and view's hit rate and MRR.
relevance: install
	bash scripts/services/postgres.sh
	bash scripts/services/opensearch.sh
	bash scripts/services/elasticsearch.sh
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) scripts/bench/relevance.py $(RELEVANCE_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Refresh the committed pdf.js of the PDF quick view from npm (version pinned in the script).
pdfjs:
	sh scripts/pdfjs.sh

# Refresh locale/vi after changing strings; translate, then commit both .po and .mo.
messages: install
	$(PY) manage.py makemessages -l vi --no-obsolete --no-location -i ".venv/*" -i "tests/*" -i "static/*" -i ".run/*"
	$(PY) manage.py compilemessages -l vi --ignore ".venv/*"
