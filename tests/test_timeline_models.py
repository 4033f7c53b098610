import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from editorial.models import Status
from timeline.models import Event

from .factories import make_era, make_event

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_and_scheduled_items():
    live = make_event(slug="live")
    make_event(slug="draft", status=Status.DRAFT)
    make_event(
        slug="scheduled", published_at=timezone.now() + datetime.timedelta(days=1)
    )

    assert list(Event.objects.published()) == [live]


def test_published_is_available_on_related_managers():
    era = make_era()
    make_event(era=era, slug="live")
    make_event(era=era, slug="draft", status=Status.DRAFT)

    assert [event.slug for event in era.events.published()] == ["live"]


def test_event_display_date_follows_precision_and_range():
    event = make_event(
        date=datetime.date(1945, 8, 28), end_date=datetime.date(1945, 9, 5)
    )
    assert event.display_date == "28 August – 5 September 1945"
    event.date_precision = "month"
    event.date = datetime.date(2017, 9, 1)
    event.end_date = None
    assert event.display_date == "September 2017"


def test_event_validation_rejects_end_before_start():
    event = make_event(date=datetime.date(1993, 10, 13))
    event.end_date = datetime.date(1993, 10, 12)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "end_date" in error.value.message_dict


def test_event_validation_rejects_a_day_under_month_precision():
    event = make_event(date=datetime.date(2017, 9, 12), date_precision="month")
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "first day of the month" in error.value.message_dict["date"][0]


def test_event_validation_checks_the_old_style_date():
    event = make_event(date=datetime.date(1855, 2, 7))
    event.date_old_style = datetime.date(1855, 1, 26)
    event.full_clean()
    event.date_old_style = datetime.date(1855, 2, 7)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "date_old_style" in error.value.message_dict


def test_event_slug_is_unique():
    make_event(slug="tokyo-declaration")
    duplicate = Event(
        slug="tokyo-declaration",
        title="Another",
        date=datetime.date(1993, 10, 13),
        era=make_era(),
        summary="x",
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "slug" in error.value.message_dict


def test_body_markdown_is_rendered_and_sanitised_on_save():
    event = make_event(body="Hello **world** <script>alert(1)</script>")
    assert "<strong>world</strong>" in event.body_html
    assert "<script" not in event.body_html


def test_body_is_rendered_for_raw_fixture_loads(tmp_path):
    make_era(slug="era-one")
    fixture = tmp_path / "one.json"
    fixture.write_text(
        '[{"model": "timeline.event", "fields": {"slug": "e", "title_en": "E", '
        '"date": "1956-10-19", "era": ["era-one"], "summary_en": "s", '
        '"body_en": "A [link](https://example.org)", "status": "published"}}]'
    )
    call_command("loaddata", str(fixture), verbosity=0)

    html = Event.objects.get(slug="e").body_html
    assert '<a href="https://example.org" rel="noopener noreferrer">link</a>' in html


def test_previous_and_next_skip_drafts():
    era = make_era()
    first = make_event(era=era, slug="a", date=datetime.date(1855, 2, 7))
    make_event(era=era, slug="b", date=datetime.date(1875, 5, 7), status=Status.DRAFT)
    third = make_event(era=era, slug="c", date=datetime.date(1905, 9, 5))

    assert first.get_next_published() == third
    assert third.get_previous_published() == first
    assert first.get_previous_published() is None


def test_previous_and_next_step_through_events_sharing_date_and_title():
    era = make_era()
    same = {"era": era, "title": "Talks", "date": datetime.date(1997, 11, 1)}
    first, second, third = make_event(**same), make_event(**same), make_event(**same)
    assert first.get_next_published() == second
    assert second.get_next_published() == third
    assert third.get_previous_published() == second
