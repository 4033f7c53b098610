"""History diffs without noise, word by word, in full."""

import datetime

import pytest
from django.urls import reverse

from editorial.diffs import word_diff
from timeline.models import Event

from .admin_forms import submit
from .factories import make_editor, make_event

pytestmark = pytest.mark.django_db

LONG = (
    "In the Tokyo Declaration Yeltsin and Hosokawa agreed to negotiate on the "
    "attribution of the four islands on the basis of law and justice, and to "
    "conclude a peace treaty."
)


@pytest.fixture
def editor(client):
    user = make_editor("alice")
    client.force_login(user)
    return user


def history_changes(client, event):
    page = client.get(reverse("admin:timeline_event_history", args=[event.pk]))
    assert page.status_code == 200
    latest = page.context["page_obj"].object_list[0]
    return page, latest.history_delta_changes


def test_words_removed_and_added_are_marked():
    old, new = word_diff("the four islands & more", "the two islands & more")
    assert old == (
        '<span class="text-diff">the <del>four</del> islands &amp; more</span>'
    )
    assert new == '<span class="text-diff">the <ins>two</ins> islands &amp; more</span>'


def test_an_untouched_field_is_not_reported_as_changed(client, editor):
    # As shipped content is: LF line endings, a time with microseconds.
    event = make_event(
        body="First paragraph.\n\nSecond paragraph.",
        published_at=datetime.datetime(
            2026, 1, 1, 9, 0, 0, 123456, tzinfo=datetime.UTC
        ),
    )
    response = submit(
        client,
        reverse("admin:timeline_event_change", args=[event.pk]),
        "event_form",
        title="A new title",
    )
    assert response.status_code == 302
    stored = Event.objects.get(pk=event.pk)
    assert stored.body == "First paragraph.\n\nSecond paragraph."
    assert stored.published_at.microsecond == 123456
    _, changes = history_changes(client, event)
    assert [change["field"] for change in changes] == ["Title"]


def test_a_change_in_a_long_text_is_shown_word_by_word_in_full(client, editor):
    event = make_event(summary=LONG)
    response = submit(
        client,
        reverse("admin:timeline_event_change", args=[event.pk]),
        "event_form",
        summary=LONG.replace("four islands", "islands"),
    )
    assert response.status_code == 302
    page, [change] = history_changes(client, event)
    assert change["field"] == "Summary"
    assert "<del>four </del>" in change["old"] or "<del>four</del>" in change["old"]
    assert "conclude a peace treaty." in change["new"]
    content = page.content.decode()
    assert "chars]" not in content
    assert "<del>" in content
