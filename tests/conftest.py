import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from dispute_site.management.commands.setup_site import fixture_files

# Playwright's sync API runs an event loop in the test thread; Django's ORM must not
# mistake the live_server tests for async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def shipped_content(django_db_setup, django_db_blocker):
    """The shipped fixtures, loaded once for a module's tests, then rolled back.

    For a module whose every test only reads the shipped content (test_content.py):
    a test of the module that builds its own objects would find these too.

    Each test runs in a savepoint inside this transaction, so what a test writes is
    undone after it and the next test reads the fixtures as loaded. Loading them
    takes seconds; once per module instead of once per test.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddata", *fixture_files(), verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(tmp_path_factory):
    """On SQLite, test in a database file as the site runs, not in pytest-django's
    shared in-memory database, whose table locks fail at once where a file waits
    (tests/test_concurrency.py). Each xdist worker has its own temporary folder."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = tmp_path_factory.mktemp("sqlite")
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")
        # Durability is not tested; waiting for the lock still is.
        database["OPTIONS"] = {
            **database.get("OPTIONS", {}),
            "init_command": "PRAGMA synchronous=OFF",
        }


@pytest.fixture
def site_content(db):
    """The shipped fixtures, loaded as setup_site loads them (without its migrate)."""
    call_command("loaddata", *fixture_files(), verbosity=0)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        "admin", "admin@example.com", "pw"
    )


@pytest.fixture
def admin_client(superuser):
    client = Client()
    client.force_login(superuser)
    return client


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
