"""The shipped content: complete, sourced and faithful to shared/FACTS.md."""

import datetime
import json
import re
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

# The dated rows of shared/FACTS.md ("Dated events"): (slug, date, precision, end
# date). Days that FACTS.md left unconfirmed (2 Feb 1946, 13 Nov 1998, 12 Sep 2018)
# were since confirmed from sources the fixtures cite.
FACT_DATES = [
    ("treaty-of-shimoda", D(1855, 2, 7), "day", None),
    ("treaty-of-saint-petersburg", D(1875, 5, 7), "day", None),
    ("treaty-of-portsmouth", D(1905, 9, 5), "day", None),
    ("soviet-japanese-neutrality-pact", D(1941, 4, 13), "day", None),
    ("yalta-agreement", D(1945, 2, 11), "day", None),
    ("soviet-declaration-of-war", D(1945, 8, 8), "day", D(1945, 8, 9)),
    ("soviet-occupation-of-the-islands", D(1945, 8, 28), "day", D(1945, 9, 5)),
    ("japanese-instrument-of-surrender", D(1945, 9, 2), "day", None),
    ("soviet-incorporation-decree", D(1946, 2, 2), "day", None),
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
    ("moscow-declaration-1998", D(1998, 11, 13), "day", None),
    ("putin-mori-statement-2000", D(2000, 9, 5), "day", None),
    ("irkutsk-statement", D(2001, 3, 25), "day", None),
    ("medvedev-visits-kunashir", D(2010, 11, 1), "day", None),
    ("abe-putin-joint-statement-2013", D(2013, 4, 29), "day", None),
    ("nagato-summit", D(2016, 12, 15), "day", D(2016, 12, 16)),
    ("joint-projects-2017", D(2017, 9, 1), "month", None),
    ("putin-peace-treaty-without-preconditions", D(2018, 9, 12), "day", None),
    ("singapore-agreement", D(2018, 11, 14), "day", None),
    ("lavrov-wwii-results", D(2019, 1, 16), "day", None),
    ("abe-putin-moscow-2019", D(2019, 1, 22), "day", None),
    ("russian-constitutional-amendments", D(2020, 7, 1), "day", None),
    ("mishustin-visits-iturup-2021", D(2021, 7, 26), "day", None),
    ("russia-ends-peace-talks", D(2022, 3, 21), "day", None),
    ("diplomatic-bluebook-2022", D(2022, 4, 22), "day", None),
    ("fishing-agreement-suspended", D(2022, 6, 7), "day", None),
    ("visa-free-agreements-terminated", D(2022, 9, 5), "day", None),
    ("fishing-resumes-2022", D(2022, 9, 1), "month", None),
    ("fishing-talks-refused-2023", D(2023, 1, 1), "month", None),
    ("medvedev-2024-statement", D(2024, 1, 30), "day", None),
    ("innocent-passage-suspended-2024", D(2024, 4, 11), "day", D(2024, 4, 17)),
    ("ishiba-2025-statement", D(2025, 1, 24), "day", None),
    ("innocent-passage-suspended-2025", D(2025, 4, 16), "day", D(2025, 5, 1)),
    ("takaichi-policy-speech", D(2025, 10, 24), "day", None),
    ("grave-visits-only-with-visas-2026", D(2026, 2, 2), "day", None),
    ("northern-territories-day-2026", D(2026, 2, 7), "day", None),
    ("takaichi-policy-speech-2026", D(2026, 2, 20), "day", None),
]


# MOFA's series, adjacent islets included (shared/FACTS.md, "The islands").
MOFA_AREAS_KM2 = {
    "etorofu-iturup": 3168,
    "kunashiri-kunashir": 1490,
    "shikotan": 251,
    "habomai": 95,
}
# MOFA's own total; its island figures are rounded to the whole km², so they may add up
# to a few km² more or less (MOFA says so under its table).
MOFA_TOTAL_KM2 = 5003


def fixture_objects(name):
    for folder in settings.FIXTURE_DIRS:
        path = folder / name
        if path.exists():
            return json.loads(path.read_text())
    raise FileNotFoundError(name)


def reader_texts():
    """What readers see of the events, eras, islands and sources, with where it is."""
    for event in Event.objects.all():
        yield f"event {event.slug}", f"{event.title}\n{event.summary}\n{event.body}"
    for era in Era.objects.all():
        yield f"era {era.slug}", f"{era.title}\n{era.summary}"
    for island in Island.objects.all():
        yield f"island {island.slug}", f"{island.summary}\n{island.population_note}"
    for source in Source.objects.all():
        yield f"source {source.slug}", f"{source.title}\n{source.note}"
    for topic in Topic.objects.all():
        yield f"topic {topic.slug}", f"{topic.title}\n{topic.introduction}"
    for position in Position.objects.all():
        yield f"position {position}", f"{position.summary}\n{position.body}"
    for statement in Statement.objects.all():
        yield f"statement {statement}", statement.text


def sentences(text):
    return re.split(r"(?<=[.;!?])\s+|\n+", text)


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
    assert Event.objects.published().last().date.year >= 2026
    assert Event.objects.published().filter(date__year=2026).exists()


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
                    # An article's slug is unique within its document.
                    parent = json.dumps(fields.get("document"))
                    keys[obj["model"], parent, fields["slug"]] += 1
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


def test_habomai_is_a_group_of_islets(site_content):
    habomai = Island.objects.get(slug="habomai")
    assert habomai.name_ja_native == "歯舞群島"
    assert "group" in habomai.summary and "islets" in habomai.summary


def test_loaded_words_stay_out_of_the_sites_own_summaries(site_content):
    # Each side's terms ("illegal occupation", "liberation") belong inside attributed
    # views, never in the neutral summaries and introductions the site writes itself.
    texts = [
        *Event.objects.values_list("summary_en", flat=True),
        *Era.objects.values_list("summary_en", flat=True),
        *Topic.objects.values_list("introduction_en", flat=True),
        *Island.objects.values_list("summary_en", flat=True),
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
        assert island.administration_by_japan.startswith(
            "Nemuro Subprefecture, Hokkaido"
        )
        assert island.administration_by_russia.endswith("District, Sakhalin Oblast")
    assert islands["etorofu-iturup"].administration_by_russia.startswith("Kurilsky")
    assert "Nemuro City" in islands["habomai"].administration_by_japan
    for slug in ("kunashiri-kunashir", "shikotan", "habomai"):
        assert islands[slug].administration_by_russia.startswith("Yuzhno-Kurilsky")


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


def test_every_era_has_at_least_six_published_events(site_content):
    counts = {
        era.slug: Event.objects.published().filter(era=era).count()
        for era in Era.objects.all()
    }
    assert counts and min(counts.values()) >= 6, counts


def test_every_event_lies_in_its_era(site_content):
    for event in Event.objects.select_related("era"):
        era = event.era
        assert era.start_year <= event.date.year, event.slug
        assert era.end_year is None or event.date.year <= era.end_year, event.slug


def test_the_island_areas_are_one_series_and_add_up_to_the_stated_total(site_content):
    areas = dict(Island.objects.values_list("slug", "area_km2"))
    assert areas == MOFA_AREAS_KM2
    shown = sum(areas.values())
    # Four figures rounded to the whole km² stay within 2 km² of the exact total; the
    # earlier mix of two series (1,489 and 248 beside 3,168 and 95) missed it by 3.
    assert abs(shown - MOFA_TOTAL_KM2) <= 2
    stated = " ".join(Island.objects.values_list("summary_en", flat=True))
    assert f"{MOFA_TOTAL_KM2:,} km²" in stated
    assert f"add up to {shown:,.0f} km²" in stated
    mofa = Source.objects.get(slug="mofa-ja-hoppo-data")
    assert mofa.language == "ja" and "5,003" in mofa.note


def test_island_populations_are_dated_facts_not_editors_notes(site_content):
    for island in Island.objects.all():
        note = island.population_note
        assert "pproximate" not in note, island.slug
        assert "1945" in note and "(MOFA)" in note, island.slug
        if island.population is not None:
            assert island.population_year, island.slug
            assert "Russian statistics" in note, island.slug


def test_no_text_says_the_grave_visits_were_terminated(site_content):
    # Grave visits are their own arrangement (1964, resumed 1986): Russia ended the
    # visa-free and simplified visits in 2022, not the grave visits.
    ended = re.compile(r"terminat|abolish|scrapp|cancell|\bended\b|\bends\b", re.I)
    kept_apart = re.compile(r"\bnot\b|\bnever\b|suspended", re.I)
    wrong = [
        (where, sentence)
        for where, text in reader_texts()
        for sentence in sentences(text)
        if re.search(r"grave", sentence, re.I)
        and ended.search(sentence)
        # "were not terminated", "not part of that termination", "suspended since"
        and not kept_apart.search(sentence)
    ]
    assert wrong == []
    begun = Event.objects.published().get(slug="grave-visits-begin-1964")
    assert begun.date.year == 1964
    latest = Event.objects.published().get(slug="grave-visits-only-with-visas-2026")
    assert "visa" in latest.summary and latest.date == D(2026, 2, 2)


def test_the_fishing_story_goes_past_the_2022_suspension(site_content):
    resumed = Event.objects.published().get(slug="fishing-resumes-2022")
    assert (resumed.date.year, resumed.date.month) == (2022, 9)
    refused = Event.objects.published().get(slug="fishing-talks-refused-2023")
    assert refused.date.year == 2023
    agreement = Event.objects.get(slug="safe-fishing-agreement").body
    assert "September 2022" in agreement and "January 2023" in agreement


def test_the_1956_declaration_is_authentic_in_japanese_and_russian(site_content):
    body = Event.objects.get(slug="joint-declaration-1956").body
    assert "authentic texts are Japanese and Russian" in body
    assert "引き渡す" in body and "English text says" not in body
    languages = set(
        Event.objects.get(slug="joint-declaration-1956").sources.values_list(
            "language", flat=True
        )
    )
    assert {"ja", "ru"} <= languages


def test_no_source_title_is_bracketed_or_invented(site_content):
    bracketed = Source.objects.filter(title__startswith="[")
    assert list(bracketed.values_list("slug", flat=True)) == []


def test_the_reference_fixtures_cite_japanese_and_russian_sources(site_content):
    sources = [
        obj["fields"]
        for obj in fixture_objects("01_reference.json")
        if obj["model"] == "timeline.source"
    ]
    languages = Counter(source["language"] for source in sources)
    assert languages["ja"] + languages["ru"] >= 25, languages
    assert languages["ja"] >= 10 and languages["ru"] >= 10, languages
    online = [s for s in sources if s["language"] != "en" and s["kind"] != "treaty"]
    assert [s["slug"] for s in online if not s["url"]] == []
    cited = set(Citation.objects.values_list("source__language", flat=True))
    assert {"ja", "ru"} <= cited
    assert Source.objects.filter(language__in=["ja", "ru"]).count() >= 40


def test_each_side_is_cited_in_its_own_language_in_every_era(site_content):
    for era in Era.objects.all():
        languages = set(
            Citation.objects.filter(event__era=era).values_list(
                "source__language", flat=True
            )
        )
        assert {"ja", "ru"} <= languages, (era.slug, languages)


def test_no_reader_text_is_out_of_date_or_an_editors_note(site_content):
    stale = re.compile(
        r"end of 2025|2025 ended|only the month is given|accounts differ on whether"
        r"|not confirmed in the sources used here",
        re.I,
    )
    assert [where for where, text in reader_texts() if stale.search(text)] == []


def test_one_spelling_for_the_habomai_islands(site_content):
    for where, text in reader_texts():
        if where.startswith("source "):
            continue  # a source's own title and wording stay as published
        assert "Habomai islets" not in text, where
        assert "Habomai Islands" not in text, where
