"""A page's SQL queries must not grow with the amount of content."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import urlencode

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

pytestmark = pytest.mark.django_db

# Ten for the page, two for the shared content version and the next scheduled time.
MAX_QUERIES = 12


# Building hundreds of events does not need their history (a record per link change).
@override_settings(SIMPLE_HISTORY_ENABLED=False)
def build_timeline(event_count, eras=None):
    eras = eras or [make_era(order=i) for i in range(3)]
    countries = [make_country(), make_country()]
    people = [make_person(), make_person()]
    islands = [make_island(), make_island()]
    source = make_source()
    events = []
    for i in range(event_count):
        event = make_event(
            era=eras[i % 3],
            source=source,
            date=datetime.date(1855, 1, 1) + datetime.timedelta(days=60 * i),
            is_key=i % 10 == 0,
        )
        event.countries.set(countries)
        event.people.set(people)
        event.islands.set(islands)
        events.append(event)
    return events


def every_filter(event):
    return (
        reverse("timeline:event_list")
        + "?"
        + urlencode(
            {
                "q": "event",
                "era": event.era.slug,
                "country": event.countries.first().slug,
                "person": event.people.first().slug,
                "island": event.islands.first().slug,
                "kind": "other",
                "year_from": 1850,
                "year_to": 2030,
                "order": "newest",
            }
        )
    )


def count_queries(client, url):
    # Counted as rendered from nothing: no fragment kept from an earlier request.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url_for",
    [
        lambda events: reverse("home"),
        lambda events: reverse("timeline:event_list"),
        lambda events: reverse("timeline:event_list") + "?q=event&order=newest",
        lambda events: every_filter(events[3]),
        lambda events: events[3].get_absolute_url(),
        lambda events: events[3].era.get_absolute_url(),
        lambda events: reverse("timeline:island_list"),
        lambda events: events[3].islands.first().get_absolute_url(),
    ],
    ids=[
        "home",
        "timeline",
        "timeline-filtered",
        "timeline-every-filter",
        "event",
        "era",
        "islands",
        "island",
    ],
)
def test_queries_stay_flat_as_events_grow(client, url_for):
    few = build_timeline(5)
    small = count_queries(client, url_for(few))
    build_timeline(200, eras=list({event.era: None for event in few}))
    large = count_queries(client, url_for(few))
    assert small == large
    assert large <= MAX_QUERIES


def build_positions():
    """Three countries' positions on four topics, and an event."""
    countries = [make_country(order=i) for i in range(3)]
    topics = [make_topic(order=i) for i in range(4)]
    positions = [
        make_position(country=country, topic=topic)
        for country in countries
        for topic in topics
    ]
    return countries, topics, positions, make_event()


def add_statements(count, positions, event):
    """Statements spread over every position, half of them made at the event."""
    speakers = [make_person(), None]
    for i in range(count):
        make_statement(
            position=positions[i % len(positions)],
            date=datetime.date(1956, 1, 1) + datetime.timedelta(days=30 * i),
            speaker=speakers[i % 2],
            source=make_source(),
            event=event if i % 2 else None,
        )


@pytest.mark.parametrize(
    "url_for",
    [
        lambda countries, topics, event: reverse("positions:topic_list"),
        lambda countries, topics, event: topics[0].get_absolute_url(),
        lambda countries, topics, event: reverse(
            "positions:country_detail", args=[countries[0].slug]
        ),
        lambda countries, topics, event: event.get_absolute_url(),
        lambda countries, topics, event: reverse("home"),
    ],
    ids=["positions", "topic", "country", "event", "home"],
)
def test_queries_stay_flat_as_statements_grow(client, url_for):
    countries, topics, positions, event = build_positions()
    url = url_for(countries, topics, event)
    add_statements(5, positions, event)
    small = count_queries(client, url)
    add_statements(195, positions, event)
    large = count_queries(client, url)
    assert small == large
    assert large <= MAX_QUERIES


def add_bulk_events(site_events, count):
    """Thousands of published events with their links, inserted in a few statements."""
    from timeline.models import Citation, Event

    template = site_events[0]
    new = Event.objects.bulk_create(
        Event(
            slug=f"bulk-{i}",
            title=f"Bulk event {i}",
            date=datetime.date(1860, 1, 1) + datetime.timedelta(days=20 * i),
            era=site_events[i % len(site_events)].era,
            summary="A generated event.",
            status="published",
            is_key=i % 50 == 0,
        )
        for i in range(count)
    )
    Citation.objects.bulk_create(
        Citation(event=event, source=template.sources.first()) for event in new
    )
    for relation in ("countries", "people", "islands"):
        through = getattr(Event, relation).through
        column = getattr(Event, relation).field.m2m_reverse_field_name()
        targets = list(getattr(template, relation).all())
        through.objects.bulk_create(
            through(event_id=event.pk, **{f"{column}_id": target.pk})
            for event in new
            for target in targets
        )


@pytest.mark.parametrize(
    "url_for",
    [
        lambda event: reverse("home"),
        lambda event: reverse("timeline:event_list"),
        lambda event: every_filter(event),
        lambda event: event.get_absolute_url(),
        lambda event: event.era.get_absolute_url(),
    ],
    ids=["home", "timeline", "timeline-every-filter", "event", "era"],
)
def test_queries_are_the_same_with_30_and_3000_events(client, url_for):
    events = build_timeline(30)
    with_30 = count_queries(client, url_for(events[3]))
    add_bulk_events(events, 2970)
    with_3000 = count_queries(client, url_for(events[3]))
    assert with_30 == with_3000 <= MAX_QUERIES


def build_document(article_count, document=None):
    """A document whose articles each have three texts and a reading from each side."""
    document = document or make_document(authentic_languages="ja, ru")
    japan, russia = make_country(), make_country()
    topic = make_topic()
    positions = [
        make_position(country=japan, topic=topic),
        make_position(country=russia, topic=topic),
    ]
    source = make_source()
    start = document.articles.count()
    for i in range(start, start + article_count):
        article = make_article(document=document, order=i)
        for language in ("ja", "ru"):
            make_article_text(article=article, language=language, source=source)
        make_article_text(
            article=article,
            language="en",
            authenticity="unofficial",
            translator="UN Secretariat",
            source=source,
        )
        for position in positions:
            make_statement(
                position=position,
                source=make_source(),
                article=article,
                speaker=make_person(),
                date=datetime.date(1960, 1, 1) + datetime.timedelta(days=i),
            )
    return document


@pytest.mark.parametrize(
    "url_for",
    [
        lambda document: document.get_absolute_url(),
        lambda document: reverse("documents:document_list"),
        lambda document: reverse("sources"),
    ],
    ids=["document", "documents", "sources"],
)
def test_queries_stay_flat_as_articles_grow(client, url_for):
    document = build_document(3)
    small = count_queries(client, url_for(document))
    build_document(27, document=document)
    large = count_queries(client, url_for(document))
    assert small == large
    assert large <= MAX_QUERIES
