"""The shipped content: complete, sourced and faithful to shared/FACTS.md."""

import datetime
import json
from collections import Counter

import pytest
from django.conf import settings

from positions.models import Position, Statement, Topic
from timeline.models import Citation, Country, Era, Event, Island, Person, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_content(shipped_content, db):
    """Every test here reads the shipped content: load it once for the module."""


D = datetime.date

# Dates from shared/FACTS.md: (slug, date, precision, end date).
FACT_DATES = [
    ("treaty-of-shimoda", D(1855, 2, 7), "day", None),
    ("treaty-of-saint-petersburg", D(1875, 5, 7), "day", None),
    ("treaty-of-portsmouth", D(1905, 9, 5), "day", None),
    ("soviet-japanese-neutrality-pact", D(1941, 4, 13), "day", None),
    ("yalta-agreement", D(1945, 2, 11), "day", None),
    ("soviet-declaration-of-war", D(1945, 8, 8), "day", D(1945, 8, 9)),
    ("soviet-occupation-of-the-islands", D(1945, 8, 28), "day", D(1945, 9, 5)),
    ("japanese-instrument-of-surrender", D(1945, 9, 2), "day", None),
    ("san-francisco-peace-treaty", D(1951, 9, 8), "day", None),
    ("joint-declaration-1956", D(1956, 10, 19), "day", None),
    ("joint-declaration-in-force", D(1956, 12, 12), "day", None),
    ("us-japan-security-treaty-1960", D(1960, 1, 19), "day", None),
    ("soviet-memorandum-1960", D(1960, 1, 27), "day", None),
    ("gorbachev-visit-1991", D(1991, 4, 16), "day", D(1991, 4, 19)),
    ("yeltsin-cancels-visit", D(1992, 9, 9), "day", None),
    ("tokyo-declaration", D(1993, 10, 13), "day", None),
    ("krasnoyarsk-summit", D(1997, 11, 1), "day", D(1997, 11, 2)),
    ("safe-fishing-agreement", D(1998, 2, 21), "day", None),
    ("kawana-summit", D(1998, 4, 18), "day", D(1998, 4, 19)),
    ("putin-mori-statement-2000", D(2000, 9, 5), "day", None),
    ("irkutsk-statement", D(2001, 3, 25), "day", None),
    ("medvedev-visits-kunashir", D(2010, 11, 1), "day", None),
    ("abe-putin-joint-statement-2013", D(2013, 4, 29), "day", None),
    ("nagato-summit", D(2016, 12, 15), "day", D(2016, 12, 16)),
    ("joint-projects-2017", D(2017, 9, 1), "month", None),
    ("singapore-agreement", D(2018, 11, 14), "day", None),
    ("lavrov-wwii-results", D(2019, 1, 16), "day", None),
    ("abe-putin-moscow-2019", D(2019, 1, 22), "day", None),
    ("russian-constitutional-amendments", D(2020, 7, 1), "day", None),
    ("russia-ends-peace-talks", D(2022, 3, 21), "day", None),
    ("fishing-agreement-suspended", D(2022, 6, 7), "day", None),
    ("visa-free-agreements-terminated", D(2022, 9, 5), "day", None),
    ("medvedev-2024-statement", D(2024, 1, 30), "day", None),
    ("ishiba-2025-statement", D(2025, 1, 24), "day", None),
]


def test_event_dates_match_the_facts(site_content):
    shipped = {
        event.slug: (event.date, event.date_precision, event.end_date)
        for event in Event.objects.published()
    }
    mismatches = [
        (slug, shipped.get(slug), (date, precision, end_date))
        for slug, date, precision, end_date in FACT_DATES
        if shipped.get(slug) != (date, precision, end_date)
    ]
    assert mismatches == []


def test_the_site_ships_enough_published_content(site_content):
    assert Era.objects.count() >= 5
    assert Event.objects.published().count() >= 30
    assert Source.objects.count() >= 25
    assert Event.objects.published().first().date.year == 1855
    assert Event.objects.published().last().date.year == 2025


def test_every_event_cites_a_source(site_content):
    assert not Event.objects.filter(citations__isnull=True).exists()


def test_every_object_passes_model_validation(site_content):
    models = (Country, Person, Island, Source, Era, Event, Citation)
    for model in (*models, Topic, Position, Statement):
        for obj in model.objects.all():
            obj.full_clean()


def test_the_four_islands_carry_both_names_and_their_facts(site_content):
    islands = {island.slug: island for island in Island.objects.all()}
    assert set(islands) == {
        "etorofu-iturup",
        "kunashiri-kunashir",
        "shikotan",
        "habomai",
    }
    for island in islands.values():
        assert island.name_ja and island.name_ru
        assert island.name_ja_native and island.name_ru_native
        assert island.area_km2 > 0 and island.latitude and island.longitude
    assert islands["etorofu-iturup"].name_ja_native == "択捉島"
    assert islands["kunashiri-kunashir"].name_ru_native == "Кунашир"
    assert islands["etorofu-iturup"].area_km2 == 3168
    assert {slug for slug, i in islands.items() if i.is_named_in_1956} == {
        "shikotan",
        "habomai",
    }


def test_the_tokyo_declaration_is_credited_to_hosokawa_not_miyazawa(site_content):
    people = set(
        Event.objects.get(slug="tokyo-declaration").people.values_list(
            "slug", flat=True
        )
    )
    assert {"boris-yeltsin", "morihiro-hosokawa"} <= people
    assert "kiichi-miyazawa" not in people


def test_old_style_dates_for_the_imperial_treaties(site_content):
    old_style = dict(
        Event.objects.exclude(date_old_style=None).values_list("slug", "date_old_style")
    )
    assert old_style["treaty-of-saint-petersburg"] == D(1875, 4, 25)
    assert old_style["treaty-of-portsmouth"] == D(1905, 8, 23)


def test_no_object_is_defined_in_two_fixture_files():
    keys = Counter()
    for folder in settings.FIXTURE_DIRS:
        for path in sorted(folder.glob("*.json")):
            for obj in json.loads(path.read_text()):
                fields = obj["fields"]
                if "slug" in fields:
                    keys[obj["model"], fields["slug"]] += 1
    assert [key for key, count in keys.items() if count > 1] == []


def test_every_topic_has_both_sides_published(site_content):
    assert Topic.objects.count() >= 6
    for topic in Topic.objects.all():
        sides = set(
            Position.objects.published()
            .filter(topic=topic)
            .values_list("country__slug", flat=True)
        )
        assert {"japan", "russia"} <= sides, topic.slug
    statements = Statement.objects.published()
    assert statements.count() >= 24
    assert statements.filter(position__country__slug="japan").count() >= 12
    assert statements.filter(position__country__slug="russia").count() >= 12
    years = [s.date.year for s in statements]
    assert min(years) <= 1956 and max(years) >= 2025
    for statement in Statement.objects.all():
        statement.full_clean()
        assert statement.source_id and statement.date


def test_soviet_era_acts_are_not_credited_to_russia(site_content):
    # Russia succeeded the USSR in December 1991; the Russian Empire ended in 1917.
    soviet_era = Event.objects.filter(
        date__gt=D(1917, 11, 7), date__lt=D(1991, 12, 25), countries__slug="russia"
    )
    assert list(soviet_era.values_list("slug", flat=True)) == []


def test_the_1956_declaration_itself_ended_the_state_of_war(site_content):
    summary = Event.objects.get(slug="joint-declaration-1956").summary
    assert "ends the state of war" in summary
    people = set(
        Event.objects.get(slug="joint-declaration-1956").people.values_list(
            "slug", flat=True
        )
    )
    assert {"ichiro-hatoyama", "nikolai-bulganin"} <= people


def test_in_2022_russia_withdrew_from_the_dialogue_on_joint_activities(site_content):
    for slug in ("russia-ends-peace-talks", "joint-projects-2017"):
        event = Event.objects.get(slug=slug)
        assert "dialogue on joint economic activities" in event.summary + event.body


def test_days_the_facts_leave_unconfirmed_are_shown_as_months(site_content):
    for slug in (
        "soviet-incorporation-decree",
        "moscow-declaration-1998",
        "putin-peace-treaty-without-preconditions",
    ):
        assert Event.objects.get(slug=slug).date_precision == "month", slug


def test_habomai_is_a_group_of_islets(site_content):
    habomai = Island.objects.get(slug="habomai")
    assert habomai.name_ja_native == "歯舞群島"
    assert "group" in habomai.summary and "islets" in habomai.summary


def test_loaded_words_stay_out_of_the_sites_own_summaries(site_content):
    # Each side's terms ("illegal occupation", "liberation") belong inside attributed
    # views, never in the neutral summaries and introductions the site writes itself.
    texts = [
        *Event.objects.values_list("summary", flat=True),
        *Era.objects.values_list("summary", flat=True),
        *Topic.objects.values_list("introduction", flat=True),
        *Island.objects.values_list("summary", flat=True),
    ]
    for word in ("illegal", "liberat", "rightful", "inherent"):
        assert [text for text in texts if word in text.lower()] == [], word


def test_verbatim_quotations_are_short(site_content):
    for statement in Statement.objects.filter(is_quotation=True):
        assert len(statement.text) <= 200, statement.text


def test_every_statement_names_a_speaker_and_a_source(site_content):
    for statement in Statement.objects.all():
        assert statement.speaker_name and statement.source_id


def test_source_links_are_unique_and_absolute(site_content):
    urls = [url for url in Source.objects.values_list("url", flat=True) if url]
    assert all(url.startswith(("http://", "https://")) for url in urls)
    assert [url for url, count in Counter(urls).items() if count > 1] == []


def test_each_side_places_the_islands_in_its_own_administration(site_content):
    islands = {island.slug: island for island in Island.objects.all()}
    for island in islands.values():
        assert island.administration_ja.startswith("Nemuro Subprefecture, Hokkaido")
        assert island.administration_ru.endswith("District, Sakhalin Oblast")
    assert islands["etorofu-iturup"].administration_ru.startswith("Kurilsky")
    assert "Nemuro City" in islands["habomai"].administration_ja
    for slug in ("kunashiri-kunashir", "shikotan", "habomai"):
        assert islands[slug].administration_ru.startswith("Yuzhno-Kurilsky")


def test_the_1956_filter_finds_the_joint_declaration_not_the_tokyo_one(
    site_content, client
):
    from django.urls import reverse

    response = client.get(
        reverse("timeline:event_list"), {"year_from": 1956, "year_to": 1956}
    )
    slugs = {event.slug for event in response.context["object_list"]}
    assert "joint-declaration-1956" in slugs
    assert "tokyo-declaration" not in slugs
    era = client.get(reverse("timeline:event_list"), {"era": "cold-war-stalemate"})
    assert {event.era.slug for event in era.context["object_list"]} == {
        "cold-war-stalemate"
    }
