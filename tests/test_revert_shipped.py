"""Reverting and restoring never lose a child: every shipped event and position, edited
and then reverted to its first version, has its citations, statements and links back
exactly as they were loaded."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from editorial.history import history_of, record_missing_history
from editorial.roles import content_models
from positions.models import Position, Statement
from timeline.models import Citation, Event, Source

from .admin_forms import form_data
from .factories import make_editor, make_event, make_position, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = make_editor("alice")
    client.force_login(user)
    return user


@pytest.fixture
def shipped(site_content):
    call_command("record_history", verbosity=0)


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def version_url(obj, record):
    opts = obj._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[obj.pk, record.history_id],
    )


def event_state(event):
    return {
        "title": event.title,
        "citations": sorted(
            (c.pk, c.source_id, c.locator, c.quote, c.order)
            for c in Citation.objects.filter(event=event)
        ),
        "countries": sorted(event.countries.values_list("pk", flat=True)),
        "people": sorted(event.people.values_list("pk", flat=True)),
        "islands": sorted(event.islands.values_list("pk", flat=True)),
    }


def position_state(position):
    return {
        "summary": position.summary,
        "statements": sorted(
            (s.pk, s.date, s.text, s.source_id, s.locator, s.event_id, s.speaker_id)
            for s in Statement.objects.filter(position=position)
        ),
    }


def revert_to_first(client, obj, form_id):
    first = history_of(type(obj)).filter(id=obj.pk).earliest("history_date")
    page = client.get(version_url(obj, first))
    assert page.status_code == 200
    response = client.post(version_url(obj, first), form_data(page, form_id))
    assert response.status_code == 302, response.context["errors"]
    return page


def test_every_shipped_event_reverts_to_its_first_version_whole(
    client, editor, shipped
):
    spare = Source.objects.order_by("pk").first()
    for event in Event.objects.all():
        loaded = event_state(event)
        citations = list(Citation.objects.filter(event=event))
        page = client.get(change_url(event))
        changes = {
            "title": "Edited " + event.title,
            "countries": [],
            "people": [],
            "islands": [],
            "citations-0-locator": "p. 999",
        }
        # Delete every citation but the first, and add one the loaded event lacks.
        for index in range(1, len(citations)):
            changes[f"citations-{index}-DELETE"] = "on"
        new = len(citations)
        other = Source.objects.exclude(citations__event=event).first() or spare
        changes[f"citations-{new}-source"] = str(other.pk)
        changes[f"citations-{new}-locator"] = "added"
        response = client.post(
            change_url(event), form_data(page, "event_form", **changes)
        )
        assert response.status_code == 302, (event, response.context["errors"])
        event.refresh_from_db()
        assert event_state(event) != loaded

        page = revert_to_first(client, event, "historicalevent_form")
        [children] = page.context["child_changes"]
        assert [str(c) for c in children.removed] == [f"{other}, added"]
        assert len(children.added) == len(citations) - 1
        assert len(children.changed) == 1
        assert "Removes" in page.content.decode()

        event.refresh_from_db()
        assert event_state(event) == loaded, event


def test_every_shipped_position_reverts_to_its_first_version_whole(
    client, editor, shipped
):
    for position in Position.objects.all():
        loaded = position_state(position)
        # In the order the inline shows them: newest first.
        statements = list(position.statements.order_by("-date", "-pk"))
        assert statements, position
        page = client.get(change_url(position))
        changes = {
            "summary": "Edited summary.",
            "statements-0-text": "Rewritten words.",
        }
        for index in range(1, len(statements)):
            changes[f"statements-{index}-DELETE"] = "on"
        response = client.post(
            change_url(position), form_data(page, "position_form", **changes)
        )
        assert response.status_code == 302, (position, response.context["errors"])
        assert position_state(Position.objects.get(pk=position.pk)) != loaded

        page = revert_to_first(client, position, "historicalposition_form")
        [children] = page.context["child_changes"]
        assert len(children.added) == len(statements) - 1
        assert [str(s) for s, _ in children.changed] == [str(statements[0])]
        assert position_state(Position.objects.get(pk=position.pk)) == loaded


def test_loaded_parent_and_children_share_one_moment(shipped):
    for event in Event.objects.all():
        first = event.history.earliest("history_date")
        for citation in event.citations.all():
            assert citation.history.earliest("history_date").history_date == (
                first.history_date
            )


def test_record_history_repairs_a_history_recorded_with_the_old_skew(client, editor):
    event = make_event(title="Skewed")
    position = make_statement().position
    for model in (Event, Citation, Position, Statement):
        history_of(model).all().delete()
    models = content_models()
    record_missing_history(models, "Initial content loaded from fixtures")
    # As the old code wrote it: each child some milliseconds after its parent.
    for model in (Citation, Statement):
        for record in history_of(model).all():
            record.history_date += datetime.timedelta(milliseconds=17)
            record.save()
    call_command("record_history", verbosity=0)
    assert event.citations.get().history.get().history_date == (
        event.history.get().history_date
    )
    assert position.statements.get().history.get().history_date == (
        position.history.get().history_date
    )
    # A second run has nothing left to move.
    from editorial.history import repair_batch_histories

    assert repair_batch_histories(models) == 0


def test_restoring_a_deleted_event_links_its_statements_again(client, editor):
    event = make_event(title="Summit")
    position = make_position()
    said = make_statement(position=position, event=event, date=event.date)
    other = make_statement(position=position, date=event.date, locator="other")
    response = client.post(
        reverse("admin:timeline_event_delete", args=[event.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    said.refresh_from_db()
    assert said.event is None

    deleted = history_of(Event).filter(id=event.pk, history_type="~").first() or (
        history_of(Event).filter(id=event.pk).exclude(history_type="-").first()
    )
    page = client.get(version_url(event, deleted))
    response = client.post(
        version_url(event, deleted),
        form_data(page, "historicalevent_form"),
        follow=True,
    )
    assert "Linked 1 statement(s) to “Summit” again" in response.content.decode()
    said.refresh_from_db()
    other.refresh_from_db()
    assert said.event_id == event.pk
    assert other.event_id is None
    assert said.history.first().history_user == editor
