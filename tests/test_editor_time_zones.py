"""Each editor's own time zone; honest warnings about publication times; the admin
index that shows what is not public yet and everyone's recent changes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from editorial.models import EditorSettings, Status
from timeline.models import Event

from .admin_forms import form_data, submit
from .factories import make_editor, make_event

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture
def tokyo_editor(client):
    user = make_editor("hanako", first_name="Hanako", last_name="Sato")
    EditorSettings.objects.create(user=user, time_zone="Asia/Tokyo")
    client.force_login(user)
    return user


def change_url(obj):
    return reverse("admin:timeline_event_change", args=[obj.pk])


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_times_are_shown_and_entered_in_the_editors_time_zone(client, tokyo_editor):
    event = make_event(published_at=datetime.datetime(2026, 1, 5, 0, 0, tzinfo=UTC))
    page = client.get(change_url(event))
    content = page.content.decode()
    assert 'value="05/01/2026"' in content  # en-gb
    assert 'value="09:00:00"' in content  # 00:00 UTC is 09:00 in Tokyo
    assert "Time in Asia/Tokyo (your time zone" in content
    assert "Time zone: Asia/Tokyo" in content

    data = form_data(page, "event_form", published_at_1="10:30:00")
    assert client.post(change_url(event), data).status_code == 302
    event.refresh_from_db()
    assert event.published_at == datetime.datetime(2026, 1, 5, 1, 30, tzinfo=UTC)


def test_an_editor_without_a_choice_works_in_the_sites_time_zone(client, settings):
    client.force_login(make_editor())
    page = client.get(reverse("admin:index"))
    assert f"Time zone: {settings.TIME_ZONE}" in page.content.decode()


def test_an_editor_chooses_a_time_zone(client, tokyo_editor):
    url = reverse("admin:time_zone")
    assert client.get(url).status_code == 200
    response = client.post(url, {"time_zone": "Not/AZone"})
    assert response.status_code == 200
    assert response.context["form"].errors["time_zone"]
    response = client.post(url, {"time_zone": "Europe/Moscow"}, follow=True)
    assert "Times are now shown and entered in Europe/Moscow." in messages_of(response)
    assert EditorSettings.objects.get(user=tokyo_editor).time_zone == "Europe/Moscow"
    # Reader pages keep the site's time zone.
    assert client.get("/healthz").status_code == 200
    assert timezone.get_current_timezone_name() == "UTC"


def test_a_draft_with_a_future_time_is_warned_about(client, tokyo_editor):
    event = make_event(status=Status.DRAFT)
    response = submit(
        client,
        change_url(event),
        "event_form",
        published_at_0="01/01/2099",
        published_at_1="09:00:00",
    )
    assert response.status_code == 302
    [message] = [
        m
        for m in messages_of(client.get(reverse("admin:timeline_event_changelist")))
        if "publication time" in m
    ]
    assert "is a draft with a publication time still to come" in message
    assert "1 January 2099, 09:00 JST" in message
    assert "will NOT appear then by itself" in message


def test_scheduling_a_change_to_a_public_item_says_it_goes_offline(
    client, tokyo_editor
):
    event = make_event(title="Public event")
    assert event.is_public
    response = submit(
        client,
        change_url(event),
        "event_form",
        published_at_0="01/01/2099",
        published_at_1="09:00:00",
    )
    assert response.status_code == 302
    [message] = [
        m
        for m in messages_of(client.get(reverse("admin:timeline_event_changelist")))
        if "OFFLINE" in m
    ]
    assert "“Public event” was public and is now OFFLINE until" in message
    assert not Event.objects.published().filter(pk=event.pk).exists()


def test_the_index_is_branded_and_lists_what_is_not_public(client, tokyo_editor):
    draft = make_event(title="A draft event", status=Status.DRAFT)
    scheduled = make_event(
        title="A scheduled event",
        published_at=timezone.now() + datetime.timedelta(days=3),
    )
    other = make_editor("bob", first_name="Bob", last_name="Baker")
    client.force_login(other)
    submit(client, change_url(draft), "event_form", summary="Bob's summary.")
    client.force_login(tokyo_editor)

    page = client.get(reverse("admin:index"))
    content = page.content.decode()
    assert "Northern Territories / Southern Kurils — editors" in content
    assert "Django administration" not in content
    assert "Drafts: events" in content
    assert f'href="{change_url(draft)}">A draft event</a>' in content
    assert "Scheduled: events" in content
    assert f'href="{change_url(scheduled)}">A scheduled event</a>' in content
    assert "Recent changes by everyone" in content
    [latest, *_] = page.context["recent_changes"]
    assert latest["who"] == "Bob Baker"
    assert latest["url"] == change_url(draft)
