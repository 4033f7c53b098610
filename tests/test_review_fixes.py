"""Defects found in review: each test fails on the code before its fix."""

import datetime
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import override_settings
from django.urls import reverse

from editorial.models import Status
from editorial.pagecache import content_version

from .admin_forms import form_data
from .factories import make_era, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer(client):
    """Staff who may only look at events."""
    user = get_user_model().objects.create_user("viewer", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_event"))
    client.force_login(user)
    return user


def test_a_change_bumps_the_content_version_in_its_own_transaction():
    from django.db import transaction

    event = make_event()
    before, _ = content_version()
    with transaction.atomic():
        event.title = "Edited"
        event.save()
        during, _ = content_version()
    assert before < during == content_version()[0]
    with pytest.raises(RuntimeError), transaction.atomic():
        event.title = "Rolled back"
        event.save()
        raise RuntimeError
    # The change and its version commit or roll back together.
    assert content_version()[0] == during


def test_changes_outside_web_requests_invalidate_the_cache():
    # A fresh process, as `manage.py shell` or `loaddata` is: no middleware built.
    script = (
        "import django; django.setup()\n"
        "from django.db.models.signals import post_save\n"
        "from editorial.pagecache import bump_content_version\n"
        "from timeline.models import Event\n"
        "print(bump_content_version in post_save._live_receivers(Event)[0])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "dispute_site.test_settings"},
    )
    assert result.stdout.strip() == "True"


def test_view_only_staff_cannot_revert(client, viewer):
    event = make_event(title="Tokyo Declaration")
    event.title = "Changed"
    event.save()
    old = event.history.last()
    url = reverse("admin:timeline_event_simple_history", args=[event.pk, old.pk])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, form_data(page, "historicalevent_form"))
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title == "Changed"


def test_view_only_staff_cannot_publish(client, viewer):
    event = make_event(status=Status.DRAFT)
    url = reverse("admin:timeline_event_changelist")
    client.post(url, {"action": "publish", "_selected_action": [event.pk]})
    event.refresh_from_db()
    assert event.status == Status.DRAFT


def test_publishing_a_draft_sets_the_publication_time_to_now(admin_client):
    event = make_event(
        status=Status.DRAFT,
        published_at=datetime.datetime(2001, 1, 1, tzinfo=datetime.UTC),
    )
    url = reverse("admin:timeline_event_changelist")
    admin_client.post(url, {"action": "publish", "_selected_action": [event.pk]})
    event.refresh_from_db()
    assert event.published_at.year >= 2026


def test_a_timeline_search_with_thousands_of_words_is_no_error(client):
    make_event(title="Tokyo Declaration")
    words = " ".join(f"w{i}" for i in range(3000))
    response = client.get(reverse("timeline:event_list"), {"q": words})
    assert response.status_code == 400
    assert "q" in response.context["filter"].form.errors
    many = " ".join(["tokyo"] * 40)[:199]
    assert client.get(reverse("timeline:event_list"), {"q": many}).status_code == 200


@pytest.mark.parametrize(
    "path",
    ["/admin/timeline/event/abc/history/1/", "/admin/timeline/event/1/history/x/"],
)
def test_malformed_history_addresses_are_not_found(admin_client, path):
    make_event()
    assert admin_client.get(path).status_code == 404


def test_previous_and_next_step_through_events_sharing_date_and_title():
    era = make_era()
    same = {"era": era, "title": "Talks", "date": datetime.date(1997, 11, 1)}
    first, second, third = make_event(**same), make_event(**same), make_event(**same)
    assert first.get_next_published() == second
    assert second.get_next_published() == third
    assert third.get_previous_published() == second


@override_settings(CACHE_MIDDLEWARE_SECONDS=600)
def test_unknown_parameters_free_text_and_odd_numbers_are_not_cached(client):
    make_event()
    assert client.get("/timeline/", {"era": "x"}).get("X-Page-Cache") is None
    # Tracking parameters are ignored: the plain page, from the cache.
    assert client.get("/timeline/?utm_source=x")["X-Page-Cache"] == "miss"
    assert client.get("/timeline/?fbclid=y")["X-Page-Cache"] == "hit"
    assert client.get("/timeline/", {"page": "001"}).get("X-Page-Cache") is None
    assert client.get("/timeline/", {"q": "tokyo"}).get("X-Page-Cache") is None
    assert client.get("/timeline/", {"order": "newest"})["X-Page-Cache"] == "miss"


@pytest.mark.parametrize(
    "query", ["date__year=99999999999", "date__year=2001&date__month=13", "date__day=x"]
)
def test_a_bad_date_hierarchy_value_is_no_server_error(admin_client, query):
    make_event()
    response = admin_client.get("/admin/timeline/event/?" + query, follow=True)
    assert response.status_code == 200
