"""A second pair of eyes: editors send work for review, reviewers publish it or send
it back with a comment; what is in review never reaches a reader."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import override_settings
from django.urls import reverse

from editorial.models import Status
from editorial.roles import REVIEWERS_GROUP
from positions.models import Position
from timeline.models import Event

from .admin_forms import submit
from .factories import (
    make_editor,
    make_era,
    make_event,
    make_position,
    make_reviewer,
    make_statement,
)
from .test_editorial import PUBLIC_PAGES

pytestmark = pytest.mark.django_db

D = datetime.date
CHANGELIST = "admin:timeline_event_changelist"


@pytest.fixture
def hidden():
    """A published timeline around an event in review, as in test_editorial."""
    era = make_era(slug="cold-war")
    before = make_event(slug="before", title="Before", date=D(1956, 1, 1), era=era)
    review = make_event(
        slug="review-event",
        title="Event in review",
        date=D(1960, 1, 27),
        era=era,
        status=Status.IN_REVIEW,
        is_key=True,
    )
    after = make_event(slug="after", title="After", date=D(1973, 10, 10), era=era)
    position = make_position(summary="A position in review.", status=Status.IN_REVIEW)
    make_statement(position=position, text="A statement under review.")
    make_position(topic=position.topic, summary="A public position.")
    return {
        "era": era,
        "before": before,
        "after": after,
        "review": review,
        "position": position,
    }


POSITION_PAGES = {
    "positions": lambda h: reverse("positions:topic_list"),
    "topic": lambda h: h["position"].get_absolute_url(),
    "country": lambda h: reverse(
        "positions:country_detail", args=[h["position"].country.slug]
    ),
}


def test_the_reviewers_group_exists_after_migrate_with_the_content_rights():
    group = Group.objects.get(name=REVIEWERS_GROUP)
    assert group.permissions.filter(codename="change_event").exists()
    assert not group.permissions.filter(content_type__app_label="auth").exists()
    assert (
        Permission.objects.filter(group=group).count()
        == Permission.objects.filter(group__name="Editors").count()
    )


PAGES = {**PUBLIC_PAGES, **POSITION_PAGES}


@pytest.mark.parametrize("url_for", PAGES.values(), ids=PAGES.keys())
def test_no_public_page_shows_what_is_in_review(client, hidden, url_for):
    response = client.get(url_for(hidden))
    assert response.status_code in (200, 404)
    content = response.content.decode()
    for text in ["Event in review", "A position in review.", "A statement under"]:
        assert text not in content
    assert hidden["review"].get_absolute_url() not in content


def test_readers_get_404_and_editors_a_banner_on_an_item_in_review(client, hidden):
    url = hidden["review"].get_absolute_url()
    assert client.get(url).status_code == 404
    assert Event.objects.published().count() == 2
    assert not Position.objects.published().filter(pk=hidden["position"].pk).exists()
    client.force_login(make_editor())
    assert "In review — not public." in client.get(url).content.decode()


def test_an_editor_sends_a_draft_for_review_and_a_reviewer_publishes_it(client):
    event = make_event(title="New event", status=Status.DRAFT)
    editor = make_editor("alice", first_name="Alice", last_name="Archer")
    client.force_login(editor)
    client.post(
        reverse(CHANGELIST),
        {"action": "send_for_review", "_selected_action": [event.pk]},
    )
    event.refresh_from_db()
    assert event.status == Status.IN_REVIEW
    record = event.history.first()
    assert (record.history_user, record.history_change_reason) == (
        editor,
        "Sent for review",
    )
    page = client.get(reverse(CHANGELIST), {"publication": "review"})
    assert [e.pk for e in page.context["cl"].result_list] == [event.pk]
    assert "In review: events" in client.get(reverse("admin:index")).content.decode()

    reviewer = make_reviewer("rei", first_name="Rei", last_name="Ono")
    client.force_login(reviewer)
    client.post(
        reverse(CHANGELIST), {"action": "publish", "_selected_action": [event.pk]}
    )
    event.refresh_from_db()
    assert event.is_public
    record = event.history.first()
    assert record.history_user == reviewer
    assert record.history_change_reason == "Reviewed and published by Rei Ono"


def test_a_reviewer_sends_an_item_back_with_a_comment(client):
    event = make_event(title="Needs work", status=Status.IN_REVIEW)
    reviewer = make_reviewer("rei", first_name="Rei", last_name="Ono")
    client.force_login(reviewer)
    data = {"action": "send_back", "_selected_action": [event.pk]}
    page = client.post(reverse(CHANGELIST), data)
    assert page.status_code == 200
    assert "What needs changing" in page.content.decode()
    # Without a comment nothing happens.
    page = client.post(reverse(CHANGELIST), {**data, "post": "yes", "comment": " "})
    assert "Write what needs changing" in page.content.decode()
    event.refresh_from_db()
    assert event.status == Status.IN_REVIEW

    response = client.post(
        reverse(CHANGELIST),
        {**data, "post": "yes", "comment": "Cite the treaty text, not a summary."},
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Status.DRAFT
    record = event.history.first()
    assert record.history_user == reviewer
    assert record.history_change_reason == (
        "Sent back by Rei Ono: Cite the treaty text, not a summary."
    )


@override_settings(EDITORS_MAY_PUBLISH=False)
def test_when_editors_may_not_publish_only_reviewers_do(client):
    event = make_event(title="Draft", status=Status.DRAFT)
    client.force_login(make_editor())
    response = client.post(
        reverse(CHANGELIST),
        {"action": "publish", "_selected_action": [event.pk]},
        follow=True,
    )
    assert "Only reviewers publish on this site" in response.content.decode()
    change = reverse("admin:timeline_event_change", args=[event.pk])
    response = submit(client, change, "event_form", status="published")
    assert response.status_code == 200
    assert "Only reviewers may publish it on this site" in str(
        response.context["adminform"].form.errors["status"]
    )
    # An editor may not change a published item either; sending for review works.
    public = make_event(title="Public")
    response = submit(
        client,
        reverse("admin:timeline_event_change", args=[public.pk]),
        "event_form",
        summary="Changed.",
    )
    assert "change it while it is published" in str(
        response.context["adminform"].form.errors["status"]
    )
    assert submit(client, change, "event_form", status="review").status_code == 302
    event.refresh_from_db()
    assert event.status == Status.IN_REVIEW

    client.force_login(make_reviewer())
    assert submit(client, change, "event_form", status="published").status_code == 302
    assert Event.objects.published().filter(pk=event.pk).exists()


def test_by_default_editors_publish_themselves(client):
    event = make_event(title="Draft", status=Status.DRAFT)
    client.force_login(make_editor())
    change = reverse("admin:timeline_event_change", args=[event.pk])
    assert submit(client, change, "event_form", status="published").status_code == 302
    assert Event.objects.published().filter(pk=event.pk).exists()
