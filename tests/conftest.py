import datetime
import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import timezone, translation

from dispute_site.management.commands.setup_site import load_fixtures
from editorial.models import Status

from .factories import (
    make_article,
    make_article_text,
    make_country,
    make_document,
    make_era,
    make_event,
    make_island,
    make_person,
    make_position,
    make_source,
    make_statement,
    make_topic,
)

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
        load_fixtures()
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, tmp_path_factory
):
    """On SQLite, test in a database file as the site runs, not in pytest-django's
    shared in-memory database, whose table locks fail at once where a file waits
    (tests/test_concurrency.py). Each xdist worker has its own temporary folder (and,
    on PostgreSQL, pytest-django's own suffix)."""
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


@pytest.fixture(autouse=True)
def english_to_begin_with():
    # A request activates its page's language for the rest of the thread: without
    # this, reverse() in the next test would give that language's addresses.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def api_world():
    """Published content with its reference objects, beside drafts and scheduled
    items whose own reference objects nothing public uses."""
    era = make_era(slug="cold-war")
    japan, ussr = make_country(slug="japan"), make_country(slug="ussr")
    hatoyama = make_person(slug="hatoyama", country=japan)
    shikotan = make_island(slug="shikotan")
    treaty = make_source(slug="joint-declaration-text")
    event = make_event(slug="joint-declaration", era=era, source=treaty)
    event.countries.set([japan, ussr])
    event.people.set([hatoyama])
    event.islands.set([shikotan])

    secret_country = make_country(slug="secret-country")
    draft = make_event(
        slug="draft-event",
        title="Draft event title",
        era=era,
        status=Status.DRAFT,
        source=make_source(slug="draft-only-source"),
    )
    draft.countries.set([secret_country])
    draft.people.set([make_person(slug="draft-only-person")])
    draft.islands.set([make_island(slug="draft-only-island")])
    make_event(
        slug="scheduled-event",
        era=era,
        published_at=timezone.now() + datetime.timedelta(days=3),
        source=make_source(slug="scheduled-only-source"),
    )

    topic = make_topic(slug="legal-basis")
    position = make_position(country=japan, topic=topic)
    statement = make_statement(
        position=position, speaker=hatoyama, source=treaty, event=draft
    )
    hidden_topic = make_topic(slug="draft-topic")
    make_statement(
        position=make_position(country=ussr, topic=hidden_topic, status=Status.DRAFT),
        text="Draft statement text",
        speaker=make_person(slug="draft-speaker"),
        source=make_source(slug="draft-statement-source"),
    )

    document = make_document(
        slug="joint-declaration-1956", event=event, source=treaty, parties=[japan, ussr]
    )
    document.signatories.set([hatoyama])
    article = make_article(document=document, slug="article-9", order=9)
    make_article_text(article=article, language="ja", source=treaty)
    make_article_text(
        article=article,
        language="en",
        authenticity="unofficial",
        translator="United Nations Secretariat",
        source=treaty,
    )
    draft_article = make_article(
        document=document,
        slug="draft-article",
        label="Draft article label",
        status=Status.DRAFT,
    )
    make_article_text(
        article=draft_article, source=make_source(slug="draft-article-source")
    )
    draft_document = make_document(
        slug="draft-document",
        title="Draft document title",
        status=Status.DRAFT,
        event=draft,
        source=make_source(slug="draft-document-source"),
        parties=[secret_country],
    )
    draft_document.signatories.set([make_person(slug="draft-signatory")])
    hidden_article = make_article(document=draft_document, slug="hidden-article")
    make_article_text(article=hidden_article, text="Text of a draft document")
    return {
        "eras": era,
        "events": event,
        "countries": japan,
        "people": hatoyama,
        "islands": shikotan,
        "sources": treaty,
        "topics": topic,
        "positions": position,
        "statements": statement,
        "documents": document,
        "articles": article,
    }
