"""The interface in English, Japanese and Russian: addresses, catalogs, dates."""

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from timeline.dates import (
    DatePrecision,
    format_date,
    format_date_range,
    format_dual_date,
)

from .factories import (
    make_article,
    make_article_text,
    make_country,
    make_document,
    make_era,
    make_etorofu,
    make_event,
    make_position,
    make_statement,
    make_topic,
)

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["en", "ja", "ru"]
OTHER_LANGUAGES = ["ja", "ru"]
D = datetime.date


def catalog(language):
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


class VisibleText(HTMLParser):
    """The words a reader sees: text outside <script>, <style> and <svg>."""

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "svg"}:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in {"script", "style", "svg"}:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture
def site(db):
    """One of everything a reader's page shows, with names that are no English
    interface word (so the check for leftover English finds only the interface)."""
    island = make_etorofu()
    era = make_era(slug="sengo", title="Sengo")
    event = make_event(
        slug="joint-declaration-1956",
        title="Nisso kyodo sengen",
        title_ja="日ソ共同宣言",
        title_ru="Советско-японская декларация",
        summary="Hatoyama, Bulganin.",
        summary_ja="鳩山、ブルガーニン。",
        summary_ru="Хатояма, Булганин.",
        era=era,
    )
    event.islands.add(island)
    country = make_country(slug="japan", name="Nihon")
    topic = make_topic(slug="kizoku", title="Kizoku", question="Dare no shima?")
    statement = make_statement(
        position=make_position(country=country, topic=topic), text="Hoppo."
    )
    document = make_document(slug="sengen", title="Sengen", summary="Sengen.")
    make_article_text(article=make_article(document=document, label="Dai 9 ko"))
    return {
        "event": event,
        "era": era,
        "island": island,
        "country": country,
        "topic": topic,
        "statement": statement,
        "document": document,
    }


def page_names(site):
    """Every reader's page: (name, args)."""
    return [
        ("home", []),
        ("timeline:event_list", []),
        ("timeline:event_detail", [site["event"].slug]),
        ("timeline:era_detail", [site["era"].slug]),
        ("positions:topic_list", []),
        ("positions:topic_detail", [site["topic"].slug]),
        ("positions:country_detail", [site["country"].slug]),
        ("timeline:island_list", []),
        ("timeline:island_detail", [site["island"].slug]),
        ("sources", []),
        ("documents:document_list", []),
        ("documents:document_detail", [site["document"].slug]),
        ("about", []),
        ("search", []),
        ("data", []),
    ]


def localized(name, args, language):
    with translation.override(language):
        return reverse(name, args=args)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_answers_in_each_language_with_its_lang(client, site, language):
    for name, args in page_names(site):
        url = localized(name, args, language)
        assert url.startswith(f"/{language}/"), url
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'<html lang="{language}">' in response.content.decode(), url
        assert "Accept-Language" not in response.get("Vary", ""), url
        assert response["Content-Language"] == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_results_answer_in_each_language(client, site, language):
    response = client.get(localized("search", [], language), {"q": "Nisso"})
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_feeds_are_per_language(client, site, language):
    for name in ["event_feed", "event_feed_atom", "document_feed"]:
        url = localized(name, [], language)
        assert url.startswith(f"/{language}/feeds/")
        response = client.get(url)
        assert response.status_code == 200
        xml = response.content.decode()
        assert (
            f"<language>{language}</language>" in xml or f'xml:lang="{language}"' in xml
        )
    with translation.override(language):
        title = translation.gettext("%(site)s: events") % {
            "site": translation.gettext(settings.SITE_NAME)
        }
    assert title in client.get(localized("event_feed", [], language)).content.decode()


def test_the_sitemap_lists_every_language_with_alternates(client, site):
    xml = client.get("/sitemap.xml").content.decode()
    for language in LANGUAGES:
        assert f"/{language}/timeline/joint-declaration-1956/</loc>" in xml
        assert f'hreflang="{language}"' in xml
    assert 'hreflang="x-default"' in xml


def test_machine_addresses_stay_unprefixed_and_in_english(client, site):
    assert client.get("/api/v1/events/").status_code == 200
    assert client.get("/healthz").status_code == 200
    robots = client.get("/robots.txt").content.decode()
    for language in LANGUAGES:
        assert f"Disallow: /{language}/search/" in robots
    assert "Sitemap: " in robots and "/sitemap.xml" in robots
    assert client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="ja").status_code == 200
    assert 'lang="en"' in client.get("/admin/login/").content.decode()


@pytest.mark.parametrize(
    ("accept", "language"),
    [("ja,en;q=0.5", "ja"), ("ru-RU,ru;q=0.9", "ru"), ("", "en"), ("de", "en")],
)
def test_old_addresses_move_for_good_to_the_readers_language(
    client, site, accept, language
):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    response = client.get("/timeline/joint-declaration-1956/?era=sengo", **headers)
    assert response.status_code == 301
    assert response["Location"] == (
        f"/{language}/timeline/joint-declaration-1956/?era=sengo"
    )
    assert "Accept-Language" in response["Vary"]
    home = client.get("/", **headers)
    assert (home.status_code, home["Location"]) == (301, f"/{language}/")
    assert client.get("/sources", **headers)["Location"] == f"/{language}/sources/"


def test_an_unknown_address_is_still_not_found(client, site):
    assert client.get("/no-such-page/").status_code == 404
    assert client.get("/ja/no-such-page/").status_code == 404


def switcher_links(html):
    nav = re.search(r'<nav class="language-switcher"[^>]*>(.*?)</nav>', html, re.S)
    return re.findall(
        r'<a href="([^"]+)" lang="([a-z]+)" hreflang="([a-z]+)">', nav.group(1)
    )


def test_the_switcher_links_to_the_same_event_in_the_other_languages(client, site):
    event = site["event"]
    html = client.get(localized("timeline:event_detail", [event.slug], "ja")).content
    links = switcher_links(html.decode())
    assert links == [
        ("/en/timeline/joint-declaration-1956/", "en", "en"),
        ("/ru/timeline/joint-declaration-1956/", "ru", "ru"),
    ]


def test_the_switcher_keeps_the_query_without_tracking_parameters(client, site):
    html = client.get(
        "/en/timeline/", {"era": "sengo", "utm_source": "mail"}
    ).content.decode()
    assert ("/ja/timeline/?era=sengo", "ja", "ja") in switcher_links(html)


def test_the_head_names_the_page_in_every_language(client, site):
    html = client.get("/ru/timeline/joint-declaration-1956/").content.decode()
    site_url = settings.SITE_URL
    for language in LANGUAGES:
        assert (
            f'<link rel="alternate" hreflang="{language}" '
            f'href="{site_url}/{language}/timeline/joint-declaration-1956/">'
        ) in html
    assert (
        f'<link rel="alternate" hreflang="x-default" '
        f'href="{site_url}/en/timeline/joint-declaration-1956/">'
    ) in html
    assert '<meta property="og:locale" content="ru_RU">' in html
    assert '<meta property="og:locale:alternate" content="ja_JP">' in html


def test_a_view_may_narrow_the_alternates(rf, site):
    from django.template.loader import render_to_string

    request = rf.get("/ja/about/")
    with translation.override("ja"):
        html = render_to_string(
            "about.html", {"page_languages": ["en"]}, request=request
        )
    assert 'hreflang="en" href=' in html
    assert '<link rel="alternate" hreflang="ja"' not in html


def interface_words():
    """The English of the header, the footer and the timeline page's interface:
    catalog entries used there, without placeholders or markup."""
    words = []
    for entry in catalog("ja"):
        places = {path for path, _line in entry.occurrences}
        if not places & {
            "templates/base.html",
            "templates/timeline/event_list.html",
            "timeline/filters.py",
        }:
            continue
        if "%(" in entry.msgid or "<" in entry.msgid or entry.msgid_plural:
            continue
        words.append(entry.msgid.strip())
    return words


def test_the_interface_words_list_is_not_empty():
    words = interface_words()
    assert {"Timeline", "Documents", "Skip to content", "Show events"} <= set(words)


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
@pytest.mark.parametrize(
    "name", ["home", "timeline:event_list", "timeline:event_detail"]
)
def test_no_english_interface_words_are_left(client, site, language, name):
    args = [site["event"].slug] if name == "timeline:event_detail" else []
    text = visible_text(client.get(localized(name, args, language)).content.decode())
    # The names of the languages in the switcher are in their own languages.
    text = text.replace("English", "")
    left = [
        word
        for word in interface_words()
        if re.search(r"(?<![\w])" + re.escape(word) + r"(?![\w])", text)
    ]
    assert left == []


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_catalog_entry_is_translated(language):
    po = catalog(language)
    assert len(po) > 300
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    assert not po.metadata_is_fuzzy
    assert po.obsolete_entries() == []


def test_russian_plurals_have_three_forms():
    po = catalog("ru")
    assert po.metadata["Plural-Forms"].startswith("nplurals=3;")
    plurals = [entry for entry in po if entry.msgid_plural]
    assert plurals
    for entry in plurals:
        assert sorted(entry.msgstr_plural) == [0, 1, 2], entry.msgid
        assert all(entry.msgstr_plural.values()), entry.msgid


def messages(entries):
    """A catalog's translations, however it was compiled."""
    found = {}
    for entry in entries:
        if not entry.msgid:
            continue
        if entry.msgid_plural:
            value = tuple(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural))
        else:
            value = entry.msgstr
        found[(entry.msgctxt, entry.msgid, entry.msgid_plural)] = value
    return found


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_the_committed_mo_holds_the_catalog(language):
    """make run needs no gettext: the compiled catalogs are committed, so a .po
    edited without compiling (make messages) fails here."""
    folder = LOCALE / language / "LC_MESSAGES"
    compiled = polib.mofile(str(folder / "django.mo"))
    source = polib.pofile(str(folder / "django.po"))
    expected = messages(
        entry for entry in source if entry.translated() and not entry.obsolete
    )
    assert messages(compiled) == expected


def test_pages_say_the_dates_each_languages_way(client, site):
    url = "timeline:event_detail", [site["event"].slug]
    assert "19 October 1956" in client.get(localized(*url, "en")).content.decode()
    assert "1956年10月19日" in client.get(localized(*url, "ja")).content.decode()
    assert "19 октября 1956 г." in client.get(localized(*url, "ru")).content.decode()


@pytest.mark.parametrize(
    ("language", "precision", "expected"),
    [
        ("en", DatePrecision.DAY, "19 October 1956"),
        ("en", DatePrecision.MONTH, "October 1956"),
        ("en", DatePrecision.YEAR, "1956"),
        ("ja", DatePrecision.DAY, "1956年10月19日"),
        ("ja", DatePrecision.MONTH, "1956年10月"),
        ("ja", DatePrecision.YEAR, "1956年"),
        ("ru", DatePrecision.DAY, "19 октября 1956 г."),
        ("ru", DatePrecision.MONTH, "октябрь 1956 г."),
        ("ru", DatePrecision.YEAR, "1956 г."),
    ],
)
def test_format_date_in_each_language(language, precision, expected):
    value = D(1956, 10, 19) if precision == DatePrecision.DAY else D(1956, 10, 1)
    if precision == DatePrecision.YEAR:
        value = D(1956, 1, 1)
    with translation.override(language):
        assert format_date(value, precision) == expected


@pytest.mark.parametrize(
    ("language", "start", "end", "precision", "expected"),
    [
        (
            "ja",
            D(1991, 4, 16),
            D(1991, 4, 19),
            DatePrecision.DAY,
            "1991年4月16日～19日",
        ),
        (
            "ja",
            D(1945, 8, 28),
            D(1945, 9, 5),
            DatePrecision.DAY,
            "1945年8月28日～9月5日",
        ),
        ("ja", D(1960, 1, 1), D(1980, 1, 1), DatePrecision.YEAR, "1960年～1980年"),
        (
            "ru",
            D(1991, 4, 16),
            D(1991, 4, 19),
            DatePrecision.DAY,
            "16–19 апреля 1991 г.",
        ),
        (
            "ru",
            D(1945, 8, 28),
            D(1945, 9, 5),
            DatePrecision.DAY,
            "28 августа – 5 сентября 1945 г.",
        ),
        (
            "ru",
            D(1960, 12, 30),
            D(1961, 1, 2),
            DatePrecision.DAY,
            "30 декабря 1960 г. – 2 января 1961 г.",
        ),
        ("ru", D(1960, 1, 1), D(1980, 1, 1), DatePrecision.YEAR, "1960–1980 гг."),
        (
            "ru",
            D(2017, 9, 1),
            D(2017, 11, 1),
            DatePrecision.MONTH,
            "сентябрь – ноябрь 2017 г.",
        ),
    ],
)
def test_date_ranges_in_each_language(language, start, end, precision, expected):
    with translation.override(language):
        assert format_date_range(start, end, precision) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "7 February 1855 (26 January 1855 Old Style)"),
        ("ja", "1855年2月7日（ユリウス暦1855年1月26日）"),
        ("ru", "26 января (7 февраля) 1855 г."),
    ],
)
def test_old_style_dates_each_languages_way(language, expected):
    with translation.override(language):
        assert format_dual_date(D(1855, 2, 7), D(1855, 1, 26)) == expected


def test_an_old_style_date_across_a_new_year_in_russian():
    with translation.override("ru"):
        assert format_dual_date(D(1855, 1, 2), D(1854, 12, 21)) == (
            "21 декабря 1854 г. (2 января 1855 г.)"
        )


def test_the_event_page_shows_the_old_style_date_the_russian_way(client, site):
    event = site["event"]
    event.date, event.date_old_style = D(1855, 2, 7), D(1855, 1, 26)
    event.save()
    html = client.get(localized("timeline:event_detail", [event.slug], "ru"))
    assert "26 января (7 февраля) 1855 г." in html.content.decode()
    english = client.get(localized("timeline:event_detail", [event.slug], "en"))
    assert "(26 January 1855 Old Style)" in english.content.decode()


def test_numbers_are_grouped_each_languages_way(client, site):
    island = site["island"]
    island.area_km2, island.population = 3166.6, 6387
    island.save()
    assert "3,166.6 km²" in client.get("/en/islands/").content.decode()
    assert "3,166.6 km²" in client.get("/ja/islands/").content.decode()
    russian = client.get("/ru/islands/").content.decode()
    assert "3\xa0166,6 km²" in russian
    assert "6\xa0387" in russian


@override_settings(CACHE_MIDDLEWARE_SECONDS=600)
def test_the_page_cache_never_serves_one_language_for_another(client, site):
    english = client.get("/en/timeline/")
    japanese = client.get("/ja/timeline/")
    assert (english["X-Page-Cache"], japanese["X-Page-Cache"]) == ("miss", "miss")
    again_ja, again_en = client.get("/ja/timeline/"), client.get("/en/timeline/")
    assert (again_ja["X-Page-Cache"], again_en["X-Page-Cache"]) == ("hit", "hit")
    assert '<html lang="ja">' in again_ja.content.decode()
    assert '<html lang="en">' in again_en.content.decode()
    # The reader's Accept-Language never splits or confuses a prefixed page.
    russian_reader = client.get("/en/timeline/", HTTP_ACCEPT_LANGUAGE="ru")
    assert russian_reader["X-Page-Cache"] == "hit"
    assert '<html lang="en">' in russian_reader.content.decode()
    assert "Accept-Language" not in russian_reader.get("Vary", "")


@override_settings(CACHE_MIDDLEWARE_SECONDS=600)
def test_the_filter_fragment_cache_is_kept_per_language(client, site):
    client.get("/en/timeline/", {"era": "sengo"})
    html = client.get("/ja/timeline/", {"era": "sengo"}).content.decode()
    assert "すべての国" in html
    assert "All countries" not in html


def test_the_error_page_is_in_the_readers_language(client, site):
    response = client.get("/ru/timeline/no-such-event/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_filter_errors_are_translated(client, site):
    response = client.get("/ja/timeline/", {"year_from": 1990, "year_to": 1950})
    assert response.status_code == 400
    assert "「終了年」は「開始年」より前にできません。" in response.content.decode()
