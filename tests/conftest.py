import os

import pytest
from django.core.cache import cache
from django.test import Client

from dispute_site.management.commands.setup_site import load_fixtures

# Playwright's sync API runs an event loop in the test thread; Django's ORM must not
# mistake the live_server tests for async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def site_content(db):
    """The shipped fixtures, loaded as setup_site loads them (without its migrate)."""
    load_fixtures()


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
