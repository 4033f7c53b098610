"""The shipped content: complete, sourced and faithful to shared/FACTS.md."""

import datetime
import json
from collections import Counter

import pytest
from django.conf import settings

from timeline.models import Era, Event, Island, Source

pytestmark = pytest.mark.django_db

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
    for model in (Era, Event, Island, Source):
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
    from positions.models import Position, Statement, Topic

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
