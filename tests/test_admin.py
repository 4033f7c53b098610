import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from editorial.models import Status
from positions.models import Position, Statement
from timeline.models import Event

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

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def admin_url(model, view, *args):
    return reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args
    )


@pytest.fixture
def some_content():
    event = make_event(slug="tokyo-declaration", title="Tokyo Declaration")
    event.countries.add(make_country())
    event.people.add(make_person())
    event.islands.add(make_island())
    article = make_article(
        document=make_document(title="Tokyo Declaration", event=event),
        label="Paragraph 2",
    )
    make_article_text(article=article)
    make_statement(
        position=make_position(topic=make_topic(title="Tokyo Declaration")),
        speaker=make_person(),
        event=event,
        article=article,
    )
    return event


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_every_changelist_renders_and_searches(admin_client, some_content, model):
    response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    if admin.site._registry[model].search_fields:
        response = admin_client.get(admin_url(model, "changelist"), {"q": "tokyo"})
        assert response.status_code == 200


def admin_request():
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.get(is_superuser=True)
    return request


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_every_add_and_change_form_renders(admin_client, some_content, model):
    if not admin.site._registry[model].has_add_permission(admin_request()):
        # django-axes' login records are read-only: no one adds one by hand.
        assert admin_client.get(admin_url(model, "add")).status_code == 403
        return
    assert admin_client.get(admin_url(model, "add")).status_code == 200
    obj = model.objects.first()
    if obj is not None:
        assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200
        assert admin_client.get(admin_url(model, "history", obj.pk)).status_code == 200


def event_form_data(era, source, **overrides):
    data = {
        "title_en": "Irkutsk Statement",
        "slug": "irkutsk-statement",
        "era": era.pk,
        "kind": "declaration",
        "date": "2001-03-25",
        "date_precision": "day",
        "summary_en": "The 1956 declaration is called a basic legal document.",
        "body_en": "",
        "status": "draft",
        "published_at_0": "2001-03-25",
        "published_at_1": "00:00:00",
        "citations-TOTAL_FORMS": "1",
        "citations-INITIAL_FORMS": "0",
        "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000",
        "citations-0-source": source.pk,
        "citations-0-locator": "",
        "citations-0-quote": "",
        "citations-0-order": "0",
    }
    return {**data, **overrides}


def test_editor_adds_an_event_with_a_citation(admin_client):
    era, source = make_era(), make_source()
    response = admin_client.post(admin_url(Event, "add"), event_form_data(era, source))
    assert response.status_code == 302
    event = Event.objects.get(slug="irkutsk-statement")
    assert list(event.sources.all()) == [source]
    assert event.status == Status.DRAFT


def test_admin_shows_clear_validation_messages(admin_client):
    era, source = make_era(), make_source()
    data = event_form_data(era, source, end_date="2001-03-01", date_precision="month")
    response = admin_client.post(admin_url(Event, "add"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "is before the date" in content
    assert "first day of the month" in content
    assert not Event.objects.exists()


def test_publish_and_unpublish_actions(admin_client):
    event = make_event(status=Status.DRAFT)
    url = admin_url(Event, "changelist")
    admin_client.post(url, {"action": "publish", "_selected_action": [event.pk]})
    event.refresh_from_db()
    assert event.status == Status.PUBLISHED
    assert event.is_public
    admin_client.post(url, {"action": "unpublish", "_selected_action": [event.pk]})
    event.refresh_from_db()
    assert event.status == Status.DRAFT


def test_view_on_site_links_to_the_public_page(admin_client):
    event = make_event(slug="nagato-summit")
    response = admin_client.get(admin_url(Event, "change", event.pk))
    assert b"View on site" in response.content


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(admin_url(Event, "changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def position_form_data(country, topic, source, **statement):
    data = {
        "country": country.pk,
        "topic": topic.pk,
        "summary_en": "The four islands are an inherent part of Japan's territory.",
        "body_en": "",
        "status": "draft",
        "published_at_0": "2025-01-01",
        "published_at_1": "00:00:00",
        "statements-TOTAL_FORMS": "1",
        "statements-INITIAL_FORMS": "0",
        "statements-MIN_NUM_FORMS": "0",
        "statements-MAX_NUM_FORMS": "1000",
        "statements-0-date": "1993-10-13",
        "statements-0-date_precision": "day",
        "statements-0-speaker": "",
        "statements-0-speaker_label_en": "Ministry of Foreign Affairs of Japan",
        "statements-0-kind": "official",
        "statements-0-text_en": "The islands must be returned.",
        "statements-0-source": source.pk,
        "statements-0-locator": "",
        "statements-0-event": "",
    }
    return {**data, **{f"statements-0-{k}": v for k, v in statement.items()}}


def test_editor_adds_a_position_with_a_statement_inline(admin_client):
    country, topic, source = make_country(), make_topic(), make_source()
    response = admin_client.post(
        admin_url(Position, "add"), position_form_data(country, topic, source)
    )
    assert response.status_code == 302
    position = Position.objects.get(country=country, topic=topic)
    assert position.status == Status.DRAFT
    assert position.statements.get().source == source


def test_position_admin_explains_what_is_missing(admin_client):
    country, topic, source = make_country(), make_topic(), make_source()
    make_position(country=country, topic=topic)
    data = position_form_data(
        country, topic, source, speaker_label_en="", date_precision="year"
    )
    response = admin_client.post(admin_url(Position, "add"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert f"{country} already has a position on “{topic}”: edit that one" in content
    assert "Name the speaker" in content
    assert "must be 1 January" in content
    assert Statement.objects.count() == 0


def test_publish_and_unpublish_positions(admin_client):
    position = make_statement(position=make_position(status=Status.DRAFT)).position
    url = admin_url(Position, "changelist")
    admin_client.post(url, {"action": "publish", "_selected_action": [position.pk]})
    position.refresh_from_db()
    assert position.is_public
    admin_client.post(url, {"action": "unpublish", "_selected_action": [position.pk]})
    position.refresh_from_db()
    assert position.status == Status.DRAFT


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (Statement, "position"),
        (Statement, "speaker"),
        (Statement, "source"),
        (Statement, "event"),
        (Statement, "article"),
        (Position, "country"),
        (Position, "topic"),
    ],
)
def test_autocomplete_fields_answer(admin_client, some_content, model, field):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": model._meta.app_label,
            "model_name": model._meta.model_name,
            "field_name": field,
            "term": "",
        },
    )
    assert response.status_code == 200
    assert response.json()["results"]


def test_statement_changelist_filters_by_country_and_topic(admin_client, some_content):
    statement = Statement.objects.get()
    url = admin_url(Statement, "changelist")
    for params in (
        {"position__country__id__exact": statement.position.country_id},
        {"position__topic__id__exact": statement.position.topic_id},
        {"kind": "official"},
    ):
        response = admin_client.get(url, params)
        assert response.status_code == 200
        assert response.context["cl"].result_count == 1


def test_publishing_a_draft_sets_the_publication_time_to_now(admin_client):
    event = make_event(
        status=Status.DRAFT,
        published_at=datetime.datetime(2001, 1, 1, tzinfo=datetime.UTC),
    )
    url = reverse("admin:timeline_event_changelist")
    admin_client.post(url, {"action": "publish", "_selected_action": [event.pk]})
    event.refresh_from_db()
    assert event.published_at.year >= 2026


@pytest.mark.parametrize(
    "path",
    ["/admin/timeline/event/abc/history/1/", "/admin/timeline/event/1/history/x/"],
)
def test_malformed_history_addresses_are_not_found(admin_client, path):
    make_event()
    assert admin_client.get(path).status_code == 404


@pytest.mark.parametrize(
    "query", ["date__year=99999999999", "date__year=2001&date__month=13", "date__day=x"]
)
def test_a_bad_date_hierarchy_value_is_no_server_error(admin_client, query):
    make_event()
    response = admin_client.get("/admin/timeline/event/?" + query, follow=True)
    assert response.status_code == 200
