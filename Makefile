# The two commands of the README: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast install lint messages bench

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# The site with demo content on SQLite and the database search backend.
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_portal --demo
	$(PY) manage.py create_operator --password-file .run/operator-password
	@echo "Site: http://$(HOST):$(PORT)/   Admin: http://$(HOST):$(PORT)/admin/"
	$(PY) manage.py runserver $(HOST):$(PORT)

# Everything, on PostgreSQL and a real Chromium, as CI runs it.
test: install
	bash scripts/services/postgres.sh
	bash scripts/services/opensearch.sh
	bash scripts/services/clamav.sh
	bash scripts/services/packages.sh chromium gettext
	npm ci --no-audit --no-fund --silent  # axe-core for the accessibility tests
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	SEARCH_URL=http://127.0.0.1:9200 CLAMAV_ADDRESS=tcp:127.0.0.1:3310 \
		DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m pytest

# A quick loop on SQLite without the browser; not a substitute for `make test`.
test-fast: install
	bash scripts/services/packages.sh gettext
	DATABASE_URL=sqlite:///:memory: DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m pytest -m "not browser and not search and not postgres and not antivirus"

# The production stack under load (scripts/bench/load.py): gunicorn, PostgreSQL, the engine,
# Redis and 100,000 generated documents; prints the table the README keeps.
bench: install
	bash scripts/services/postgres.sh
	bash scripts/services/opensearch.sh
	bash scripts/services/redis.sh
	bash scripts/services/packages.sh wrk
	$(PY) scripts/bench/load.py $(BENCH_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Refresh locale/vi after changing strings; translate, then commit both .po and .mo.
messages: install
	$(PY) manage.py makemessages -l vi --no-obsolete --no-location -i ".venv/*" -i "tests/*" -i "static/*" -i ".run/*"
	$(PY) manage.py compilemessages -l vi --ignore ".venv/*"
