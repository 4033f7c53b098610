"""Drafts and scheduled items: private to editors, previewed on their public URL."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from editorial.models import Status
from positions.models import Position, Statement
from timeline.models import Event

from .admin_forms import submit
from .factories import (
    make_country,
    make_editor,
    make_era,
    make_event,
    make_person,
    make_position,
    make_source,
    make_statement,
    make_topic,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def hidden():
    """A published timeline around a draft and a scheduled event, all in one era."""
    era = make_era(slug="cold-war")
    before = make_event(slug="before", title="Before", date=D(1956, 1, 1), era=era)
    draft = make_event(
        slug="draft-event",
        title="Draft event",
        date=D(1960, 1, 27),
        era=era,
        status=Status.DRAFT,
        is_key=True,
    )
    scheduled = make_event(
        slug="scheduled-event",
        title="Scheduled event",
        date=D(1961, 1, 1),
        era=era,
        is_key=True,
        published_at=timezone.now() + datetime.timedelta(days=3),
    )
    after = make_event(slug="after", title="After", date=D(1973, 10, 10), era=era)
    return {
        "era": era,
        "before": before,
        "after": after,
        "draft": draft,
        "scheduled": scheduled,
    }


PUBLIC_PAGES = {
    "home": lambda h: reverse("home"),
    "timeline": lambda h: reverse("timeline:event_list"),
    "timeline-search": lambda h: reverse("timeline:event_list") + "?q=event",
    "timeline-year": lambda h: reverse("timeline:event_list") + "?year_from=1960",
    "timeline-newest": lambda h: reverse("timeline:event_list") + "?order=newest",
    "era": lambda h: h["era"].get_absolute_url(),
    "previous-event": lambda h: h["before"].get_absolute_url(),
    "next-event": lambda h: h["after"].get_absolute_url(),
    "search": lambda h: reverse("search") + "?q=event",
    "sources": lambda h: reverse("sources"),
    "feed": lambda h: reverse("event_feed"),
    "atom-feed": lambda h: reverse("event_feed_atom"),
    "sitemap": lambda h: reverse("django.contrib.sitemaps.views.sitemap"),
}


@pytest.mark.parametrize("url_for", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
@pytest.mark.parametrize("as_editor", [False, True], ids=["reader", "editor"])
def test_no_public_page_shows_drafts_or_scheduled_items(
    client, hidden, url_for, as_editor
):
    if as_editor:
        # Editors read the public pages as readers do; only a draft's own URL differs.
        client.force_login(make_editor())
    response = client.get(url_for(hidden))
    assert response.status_code == 200
    content = response.content.decode()
    for name in ["draft", "scheduled"]:
        assert hidden[name].title not in content
        assert hidden[name].get_absolute_url() not in content


def test_counts_leave_out_drafts_and_scheduled_items(client, hidden):
    home = client.get(reverse("home"))
    assert "Read the timeline (2 events)" in home.content.decode()
    timeline = client.get(reverse("timeline:event_list"))
    assert timeline.context["paginator"].count == 2


def test_previous_and_next_skip_hidden_events(client, hidden):
    response = client.get(hidden["before"].get_absolute_url())
    assert response.context["next_event"] == hidden["after"]
    response = client.get(hidden["after"].get_absolute_url())
    assert response.context["previous_event"] == hidden["before"]


@pytest.mark.parametrize("name", ["draft", "scheduled"])
def test_readers_get_404_on_a_hidden_events_url(client, hidden, name):
    assert client.get(hidden[name].get_absolute_url()).status_code == 404


@pytest.mark.parametrize("name", ["draft", "scheduled"])
def test_staff_without_view_permission_get_404_too(
    client, django_user_model, hidden, name
):
    client.force_login(django_user_model.objects.create_user("clerk", is_staff=True))
    assert client.get(hidden[name].get_absolute_url()).status_code == 404


def test_an_editor_previews_a_draft_under_a_banner(client, hidden):
    client.force_login(make_editor())
    response = client.get(hidden["draft"].get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Draft — not public." in content
    assert reverse("admin:timeline_event_change", args=[hidden["draft"].pk]) in content
    assert '<meta name="robots" content="noindex">' in content
    # Neighbours are published events only.
    assert response.context["previous_event"] == hidden["before"]
    assert response.context["next_event"] == hidden["after"]


def test_a_scheduled_event_is_previewed_with_its_time(admin_client, hidden):
    response = admin_client.get(hidden["scheduled"].get_absolute_url())
    assert response.status_code == 200
    assert "Scheduled for" in response.content.decode()
    assert "Draft — not public" not in response.content.decode()


def test_a_preview_is_never_cached_for_anyone_else(admin_client, hidden):
    response = admin_client.get(hidden["draft"].get_absolute_url())
    cache_control = response["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control
    assert "Cookie" in response["Vary"]


@override_settings(CACHE_MIDDLEWARE_SECONDS=600)
def test_a_preview_never_reaches_readers_through_the_page_cache(client, hidden):
    editor = Client()
    editor.force_login(make_editor())
    url = hidden["draft"].get_absolute_url()
    assert editor.get(url).status_code == 200
    assert client.get(url).status_code == 404
    assert "X-Page-Cache" not in editor.get(url)
    assert client.get(url).status_code == 404


def test_a_published_page_has_no_banner_for_editors(admin_client, hidden):
    response = admin_client.get(hidden["before"].get_absolute_url())
    assert "not public" not in response.content.decode()
    # Private for anyone logged in (what they see may differ), but not a preview.
    assert "no-store" not in response["Cache-Control"]


def test_a_scheduled_event_appears_by_itself_when_its_time_comes(client, hidden):
    event = hidden["scheduled"]
    Event.objects.filter(pk=event.pk).update(
        published_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client.get(event.get_absolute_url()).status_code == 200
    assert event.title in client.get(reverse("timeline:event_list")).content.decode()


def test_the_admin_filters_by_publication_state(admin_client, hidden):
    url = reverse("admin:timeline_event_changelist")
    for state, expected in [
        ("draft", {"draft-event"}),
        ("scheduled", {"scheduled-event"}),
        ("published", {"before", "after"}),
    ]:
        response = admin_client.get(url, {"publication": state})
        assert {e.slug for e in response.context["cl"].result_list} == expected
    assert "Scheduled for" in admin_client.get(url).content.decode()


def test_view_on_site_from_the_admin_shows_the_draft(client, hidden):
    """The admin's "View on site" link of a draft leads to its preview, not a 404."""
    client.force_login(make_editor())
    change = client.get(
        reverse("admin:timeline_event_change", args=[hidden["draft"].pk])
    )
    view_on_site = change.context["original"].get_absolute_url()
    response = client.get(
        reverse(
            "admin:view_on_site",
            args=[change.context["content_type_id"], hidden["draft"].pk],
        ),
        follow=True,
    )
    assert response.redirect_chain[-1][0].endswith(view_on_site)
    assert "Draft — not public." in response.content.decode()


# Validation messages an editor understands.


def statement_for(event, date, precision="day"):
    return Statement(
        position=make_position(),
        date=date,
        date_precision=precision,
        speaker=make_person(),
        text="Words.",
        source=make_source(),
        event=event,
    )


def test_a_statement_far_from_its_events_dates_is_refused_with_a_message():
    summit = make_event(
        title="Gorbachev in Tokyo", date=D(1991, 4, 16), end_date=D(1991, 4, 19)
    )
    statement = statement_for(summit, D(1991, 5, 2))
    with pytest.raises(ValidationError) as error:
        statement.full_clean()
    message = error.value.message_dict["event"][0]
    assert "dated 2 May 1991, more than 7 days from “Gorbachev in Tokyo”" in message
    assert "(16–19 April 1991)" in message


@pytest.mark.parametrize(
    ("date", "precision"),
    [
        (D(1991, 4, 16), "day"),
        (D(1991, 4, 19), "day"),
        (D(1991, 4, 1), "month"),
        # The negotiation the day before, the press conference the day after.
        (D(1991, 4, 15), "day"),
        (D(1991, 4, 20), "day"),
    ],
)
def test_a_statement_within_its_events_dates_is_accepted(date, precision):
    summit = make_event(date=D(1991, 4, 16), end_date=D(1991, 4, 19))
    statement_for(summit, date, precision).full_clean()


def test_a_statement_at_a_month_precise_event_may_fall_on_any_day_of_it():
    event = make_event(date=D(1956, 10, 1), date_precision="month")
    statement_for(event, D(1956, 10, 19)).full_clean()


def test_a_second_position_for_a_country_and_topic_gets_a_friendly_message():
    first = make_position(
        country=make_country(name="Japan"), topic=make_topic(title="Peace treaty")
    )
    duplicate = Position(country=first.country, topic=first.topic, summary="again")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert error.value.messages == [
        "Japan already has a position on “Peace treaty”: edit that one instead "
        "(one position per country and topic)."
    ]


def test_the_admin_explains_a_duplicate_slug(admin_client):
    make_event(slug="tokyo-declaration")
    other = make_event(slug="other")
    url = reverse("admin:timeline_event_change", args=[other.pk])
    response = submit(admin_client, url, "event_form", slug="tokyo-declaration")
    assert response.status_code == 200
    assert "Event with this Slug already exists." in response.content.decode()


def test_the_body_field_shows_a_markdown_cheat_sheet(admin_client):
    response = admin_client.get(reverse("admin:timeline_event_add"))
    content = response.content.decode()
    assert "<code>**bold**</code>" in content
    assert "scripts, styles and embedded frames are not allowed" in content


# Positions: a position is previewed on its topic's page, marked, for editors only.


@pytest.fixture
def topics():
    japan = make_country(slug="japan", name="Japan", order=1)
    russia = make_country(slug="russia", name="Russia", order=2)
    public_topic = make_topic(slug="sovereignty", title="Sovereignty")
    make_position(
        country=japan, topic=public_topic, summary="Japan holds a public view."
    )
    draft = make_position(
        country=russia,
        topic=public_topic,
        summary="Russia drafts a view.",
        status=Status.DRAFT,
    )
    make_statement(position=draft, text="A statement of the draft position.")
    new_topic = make_topic(slug="new-topic", title="A topic not yet public")
    scheduled = make_position(
        country=japan,
        topic=new_topic,
        summary="A scheduled view.",
        published_at=timezone.now() + datetime.timedelta(days=2),
    )
    return {
        "public": public_topic,
        "new": new_topic,
        "draft": draft,
        "scheduled": scheduled,
    }


HIDDEN_POSITION_TEXTS = [
    "Russia drafts a view.",
    "A statement of the draft position.",
    "A scheduled view.",
    "A topic not yet public",
]


@pytest.mark.parametrize(
    "url",
    [
        reverse("home"),
        reverse("positions:topic_list"),
        reverse("positions:country_detail", args=["japan"]),
        reverse("search") + "?q=view",
        reverse("search") + "?q=statement",
        reverse("sources"),
        reverse("django.contrib.sitemaps.views.sitemap"),
    ],
    ids=[
        "home",
        "positions",
        "country",
        "search",
        "search-statements",
        "sources",
        "sitemap",
    ],
)
def test_editors_see_no_unpublished_position_beyond_its_topic_page(client, topics, url):
    client.force_login(make_editor())
    content = client.get(url).content.decode()
    for text in HIDDEN_POSITION_TEXTS:
        assert text not in content


def test_readers_see_only_published_positions_on_a_topic_page(client, topics):
    response = client.get(topics["public"].get_absolute_url())
    content = response.content.decode()
    assert "Japan holds a public view." in content
    for text in HIDDEN_POSITION_TEXTS:
        assert text not in content
    assert "draft_preview" not in response.context
    assert client.get(topics["new"].get_absolute_url()).status_code == 404


def test_an_editor_sees_a_draft_position_marked_on_its_topic_page(client, topics):
    client.force_login(make_editor())
    response = client.get(topics["draft"].get_absolute_url())
    content = response.content.decode()
    assert "Japan holds a public view." in content
    assert "Russia drafts a view." in content
    assert "A statement of the draft position." in content
    assert "This page shows 1 unpublished item" in content
    assert content.count(">Not public</span>") == 2  # the position and its statement
    admin_url = reverse("admin:positions_position_change", args=[topics["draft"].pk])
    assert admin_url in content
    assert "no-store" in response["Cache-Control"]


def test_an_editor_previews_a_topic_whose_only_position_is_scheduled(client, topics):
    client.force_login(make_editor())
    response = client.get(topics["scheduled"].get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "A scheduled view." in content
    assert "scheduled for" in content


def test_the_topic_page_costs_readers_no_more_queries(
    client, topics, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        client.get(topics["public"].get_absolute_url())
