"""The shipped content in Japanese and Russian: no page falls back to English, names
read across scripts, and a text not yet translated is marked as English."""

import pytest
from django.urls import reverse
from django.utils import translation

from positions.models import Statement
from timeline.models import Event

from .factories import make_era, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_content(shipped_content, db):
    """Every test here reads the shipped content: load it once for the module."""


def page(client, language, name, *args, query=None):
    with translation.override(language):
        url = reverse(name, args=args)
    response = client.get(url, query or {})
    assert response.status_code == 200, url
    return response.content.decode()


READER_PAGES = [
    ("home", ()),
    ("timeline:event_list", ()),
    ("timeline:event_detail", ("joint-declaration-1956",)),
    ("timeline:event_detail", ("treaty-of-shimoda",)),
    ("positions:topic_list", ()),
    ("positions:topic_detail", ("joint-declaration-1956",)),
    ("timeline:island_list", ()),
    ("timeline:island_detail", ("shikotan",)),
    ("sources", ()),
    ("documents:document_list", ()),
    ("documents:document_detail", ("joint-declaration-1956",)),
    ("about", ()),
]


@pytest.mark.parametrize("language", ["ja", "ru"])
@pytest.mark.parametrize(("name", "args"), READER_PAGES)
def test_shipped_pages_need_no_english_fallback(client, language, name, args):
    html = page(client, language, name, *args)
    assert f'<html lang="{language}"' in html
    assert 'class="untranslated"' not in html


@pytest.mark.parametrize("slug", ["joint-declaration-1956", "tokyo-declaration"])
def test_every_shipped_event_page_offers_all_three_languages(client, slug):
    html = page(client, "en", "timeline:event_detail", slug)
    for language in ("en", "ja", "ru"):
        assert f'hreflang="{language}"' in html


def test_the_1956_declaration_in_each_languages_date_form(client):
    event = Event.objects.get(slug="joint-declaration-1956")
    ja = page(client, "ja", "timeline:event_detail", event.slug)
    ru = page(client, "ru", "timeline:event_detail", event.slug)
    assert "1956年10月19日" in ja and event.title_ja in ja
    assert "19 октября 1956 г." in ru and event.title_ru in ru


def event_count(client, language, words):
    with translation.override(language):
        url = reverse("search")
    response = client.get(url, {"q": words, "type": "event"})
    return response.context["groups"][0].count


@pytest.mark.parametrize(
    "names",
    [
        ("Etorofu", "択捉", "Итуруп", "Iturup"),
        ("Hatoyama", "鳩山", "Хатояма"),
        ("Yalta", "ヤルタ", "Ялта"),
        ("Shikotan", "色丹", "色丹島", "Шикотан"),
    ],
)
def test_a_name_finds_the_same_events_in_every_script(client, names):
    counts = {
        (language, name): event_count(client, language, name)
        for language in ("en", "ja", "ru")
        for name in names
    }
    assert len(set(counts.values())) == 1, counts
    assert next(iter(counts.values())) > 0


def test_the_issues_three_searches_agree(client):
    etorofu = event_count(client, "en", "Etorofu")
    assert etorofu == event_count(client, "ja", "択捉")
    assert etorofu == event_count(client, "ru", "Итуруп")


@pytest.mark.parametrize("word", ["色丹", "色丹島", "歯舞群島"])
def test_japanese_words_are_found_without_a_dictionary(client, word):
    assert event_count(client, "ja", word) > 0


def test_the_timeline_words_filter_shares_the_search_syntax(client):
    def listed(language, words):
        with translation.override(language):
            url = reverse("timeline:event_list")
        response = client.get(url, {"q": words})
        return response.context["paginator"].count

    assert listed("en", "Etorofu") == listed("ja", "択捉") == listed("ru", "Итуруп")
    assert listed("en", "Etorofu") == event_count(client, "en", "Etorofu")
    assert listed("en", "Etorofu -Yalta") < listed("en", "Etorofu")


def test_a_japanese_original_is_not_shown_beside_a_fallback(client):
    statement = Statement.objects.filter(
        original_language="ja", is_quotation=True, position__status="published"
    ).first()
    html = page(client, "ja", "positions:topic_detail", statement.position.topic.slug)
    html = html.split("<main", 1)[1]  # not the JSON-LD, which gives both
    assert statement.original_text.splitlines()[0] in html
    # On a Japanese page the Japanese words are the text; no English beside them.
    assert statement.text_en.splitlines()[0] not in html


def test_an_untranslated_event_is_marked_english_and_left_out_of_japanese(client):
    era = make_era(slug="era-untranslated", start_year=2000)
    event = make_event(
        slug="only-in-english",
        era=era,
        title="Only in English",
        summary="Nobody has translated this yet.",
    )
    html = page(client, "ja", "timeline:event_detail", event.slug)
    assert '<h1 lang="en">Only in English</h1>' in html
    assert 'class="untranslated"' in html
    assert 'hreflang="ja"' not in html
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/en/timeline/only-in-english/" in sitemap
    assert "/ja/timeline/only-in-english/" not in sitemap


def test_the_api_carries_every_language(client):
    data = client.get("/api/v1/events/joint-declaration-1956/").json()
    event = Event.objects.get(slug="joint-declaration-1956")
    assert data["title"] == event.title_en
    assert data["translations"]["ja"]["title"] == event.title_ja
    assert data["translations"]["ru"]["summary"] == event.summary_ru


def test_the_admin_groups_the_languages_and_names_what_is_missing(admin_client):
    event = Event.objects.get(slug="joint-declaration-1956")
    event.body_ru = ""
    event.save()
    html = admin_client.get(
        reverse("admin:timeline_event_change", args=[event.pk])
    ).content.decode()
    assert "日本語 (ja)" in html and "Русский (ru)" in html
    assert "Not yet translated: body." in html
    assert 'name="title_ja"' in html and 'name="body_ru"' in html
