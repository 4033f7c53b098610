"""Rules checked on publish: a published event cites a source and lies in its era; a
published position has a statement or says why not. Drafts may break them."""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import strip_tags

from editorial.models import Status
from positions.models import Position
from timeline.models import Event

from .admin_forms import submit
from .factories import make_editor, make_era, make_event, make_position, make_statement

pytestmark = pytest.mark.django_db

CITE = "A published event cites at least one source"
ERA = "A published event is dated within its era"
STATEMENT = "A published position has at least one statement"


@pytest.fixture
def editor(client):
    user = make_editor("alice")
    client.force_login(user)
    return user


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def errors_of(response):
    assert response.status_code == 200, "the save was not refused"
    return html.unescape(
        strip_tags(" ".join(str(error) for error in response.context["errors"]))
    )


def test_removing_the_last_citation_of_a_published_event_is_refused(client, editor):
    event = make_event()
    response = submit(
        client, change_url(event), "event_form", **{"citations-0-DELETE": "on"}
    )
    assert CITE in errors_of(response)
    assert event.citations.count() == 1


def test_a_draft_may_have_no_citation(client, editor):
    event = make_event()
    response = submit(
        client,
        change_url(event),
        "event_form",
        status=Status.DRAFT,
        **{"citations-0-DELETE": "on"},
    )
    assert response.status_code == 302
    assert not event.citations.exists()
    # Publishing it again, still without a source, is refused.
    response = submit(client, change_url(event), "event_form", status="published")
    assert CITE in errors_of(response)


def test_an_event_outside_its_era_is_refused_and_the_era_suggested(client, editor):
    pre_war = make_era(title="Treaties and war", start_year=1855, end_year=1945)
    recent = make_era(title="Recent developments", start_year=2013)
    event = make_event(era=pre_war, date=datetime.date(1945, 8, 9))
    response = submit(client, change_url(event), "event_form", date="2024-03-01")
    message = errors_of(response)
    assert ERA in message
    assert "2024 is outside “Treaties and war” (1855–1945)" in message
    assert f"Choose the era “{recent}”" in message

    response = submit(
        client, change_url(event), "event_form", date="2024-03-01", era=recent.pk
    )
    assert response.status_code == 302


def test_model_validation_applies_the_era_rule_to_published_events_only():
    era = make_era(start_year=1855, end_year=1945)
    event = make_event(era=era, date=datetime.date(2024, 3, 1), status=Status.DRAFT)
    event.full_clean()
    event.status = Status.PUBLISHED
    with pytest.raises(ValidationError) as caught:
        event.full_clean()
    assert ERA in str(caught.value.message_dict["era"])
    assert event.publication_problems()[0].startswith(ERA)


def test_the_publish_action_refuses_what_breaks_a_rule(client, editor):
    era = make_era(start_year=1855, end_year=1945)
    good = make_event(title="Good", status=Status.DRAFT)
    uncited = make_event(title="Uncited", status=Status.DRAFT)
    uncited.citations.all().delete()
    misfiled = make_event(
        title="Misfiled", era=era, date=datetime.date(2024, 1, 1), status=Status.DRAFT
    )
    response = client.post(
        reverse("admin:timeline_event_changelist"),
        {
            "action": "publish",
            "_selected_action": [good.pk, uncited.pk, misfiled.pk],
        },
        follow=True,
    )
    text = response.content.decode()
    assert "“Uncited” was not published: " + CITE in text
    assert "“Misfiled” was not published: " + ERA in text
    assert "Published 1 item(s)." in text
    assert set(Event.objects.published().values_list("title_en", flat=True)) == {"Good"}


def test_a_published_position_needs_a_statement_or_a_reason(client, editor):
    position = make_position(status=Status.DRAFT)
    response = submit(client, change_url(position), "position_form", status="published")
    assert STATEMENT in errors_of(response)
    assert Position.objects.get(pk=position.pk).status == Status.DRAFT

    response = submit(
        client,
        change_url(position),
        "position_form",
        status="published",
        why_no_statements="No statement on this question has been made public.",
    )
    assert response.status_code == 302
    assert Position.objects.published().filter(pk=position.pk).exists()


def test_a_published_position_keeps_its_last_statement(client, editor):
    statement = make_statement()
    response = submit(
        client,
        change_url(statement.position),
        "position_form",
        **{"statements-0-DELETE": "on"},
    )
    assert STATEMENT in errors_of(response)


def test_the_publish_action_refuses_a_position_without_statements(client, editor):
    empty = make_position(status=Status.DRAFT)
    evidenced = make_statement(position=make_position(status=Status.DRAFT)).position
    response = client.post(
        reverse("admin:positions_position_changelist"),
        {"action": "publish", "_selected_action": [empty.pk, evidenced.pk]},
        follow=True,
    )
    assert f"“{empty}” was not published: {STATEMENT}" in response.content.decode()
    assert list(Position.objects.published()) == [evidenced]


def test_every_shipped_published_item_meets_the_rules(site_content):
    items = [*Event.objects.published(), *Position.objects.published()]
    assert items
    for item in items:
        assert item.publication_problems() == [], item
