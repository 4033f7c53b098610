# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.requirements-installed

.PHONY: run test test-fast lint format setup serve clean superuser editor messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when requirements.txt changes.
$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py setup_site

# Links in pages, feeds and citations use the port the server listens on.
run: setup
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} DJANGO_SITE_URL=$${DJANGO_SITE_URL:-http://127.0.0.1:$(PORT)} \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Accounts on the local site, with the same settings as `make run` (DEBUG on unless
# DJANGO_DEBUG says otherwise); on a production host call manage.py with its settings.
superuser: setup
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py createsuperuser

editor: setup
	@test -n "$(NAME)" || { echo "Usage: make editor NAME=hanako [EMAIL=hanako@example.org]"; exit 2; }
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py create_editor "$(NAME)" $(if $(EMAIL),--email "$(EMAIL)")

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The interface's catalogs: gather every string into locale/ja and locale/ru, then
# compile them (the .mo files are committed, so `make run` needs no gettext). Needs
# GNU gettext (apt-get install gettext).
MAKEMESSAGES_IGNORE := -i ".venv/*" -i "staticfiles/*" -i "node_modules/*" -i "test-artifacts/*" -i "bench/*" -i "tests/*"
messages: $(STAMP)
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages -l ja -l ru $(MAKEMESSAGES_IGNORE)
	DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages -l ja -l ru

# Production-like serving: gunicorn + WhiteNoise, DEBUG off. Threads, so that a slow
# request (a login's password hashing) never holds a whole worker away from readers.
serve: setup
	DJANGO_DEBUG=0 $(BIN)/python manage.py collectstatic --noinput -v0
	DJANGO_DEBUG=0 $(BIN)/gunicorn dispute_site.wsgi --bind 127.0.0.1:$(PORT) --workers 2 \
		--worker-class gthread --threads 4 --timeout 30 --graceful-timeout 30 \
		--max-requests 2000 --max-requests-jitter 200 --no-control-socket

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
