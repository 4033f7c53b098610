"""The shipped statements and current status: original wording, balance, currency."""

import json
import re
from collections import Counter

import pytest
from django.conf import settings

from positions.models import Position, Statement, StatusItem, Topic

pytestmark = pytest.mark.django_db

SIDES = ("japan", "russia")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def test_at_least_30_verbatim_quotations_in_japanese_or_russian(site_content):
    quotations = Statement.objects.filter(
        is_quotation=True, original_language__in=["ja", "ru"]
    )
    languages = Counter(quotations.values_list("original_language", flat=True))
    assert sum(languages.values()) >= 30
    assert languages["ja"] >= 10 and languages["ru"] >= 10


def test_original_wording_is_in_the_language_it_claims(site_content):
    script = {"ja": JAPANESE, "ru": CYRILLIC}
    for statement in Statement.objects.exclude(original_text=""):
        assert statement.original_language in script, statement
        assert script[statement.original_language].search(statement.original_text), (
            statement
        )
        # The English column holds English: no Japanese or Russian sentences in it.
        assert not JAPANESE.search(statement.text), statement
        assert not CYRILLIC.search(statement.text), statement


def test_every_quotation_has_its_original_and_a_source_with_a_url(site_content):
    for statement in Statement.objects.filter(is_quotation=True).select_related(
        "source"
    ):
        statement.full_clean()
        assert statement.original_text.strip(), statement
        assert statement.source.url.startswith(("http://", "https://")), statement


def test_a_quotation_is_read_in_a_source_in_its_language(site_content):
    # Original wording comes from a source in that language, never from a translation.
    for statement in Statement.objects.filter(is_quotation=True).select_related(
        "source"
    ):
        assert statement.source.language == statement.original_language, statement


def test_every_topic_has_three_dated_published_statements_per_side(site_content):
    published = Statement.objects.published()
    for topic in Topic.objects.all():
        for side in SIDES:
            statements = published.filter(
                position__topic=topic, position__country__slug=side
            )
            assert statements.count() >= 3, (topic.slug, side)
            assert all(statement.date for statement in statements)


def test_statements_reach_2026_on_both_sides(site_content):
    for side in SIDES:
        assert Statement.objects.filter(
            position__country__slug=side, date__year=2026
        ).exists(), side


def test_no_text_says_grave_visits_were_terminated(site_content):
    texts = [
        *Statement.objects.values_list("text_en", flat=True),
        *Position.objects.values_list("summary_en", flat=True),
        *Position.objects.values_list("body_en", flat=True),
        *Topic.objects.values_list("introduction_en", flat=True),
        *StatusItem.objects.values_list("text_en", flat=True),
    ]
    # "grave visits ... terminated" or "terminated ... grave visits", a few words apart.
    near = r"\W+(?:\w+\W+){0,8}?"
    pattern = re.compile(
        rf"grave[- ]visits?{near}(?:terminat|ended|abolish|scrapp)"
        rf"|(?:terminat|ended|abolish|scrapp)\w*{near}grave[- ]visits?",
        re.IGNORECASE,
    )
    offending = []
    for text in texts:
        for sentence in re.split(r"(?<=[.;])\s+", text):
            if pattern.search(sentence) and not re.search(
                r"\bnot\b|separate", sentence
            ):
                offending.append(sentence)
    assert offending == []


def test_grave_visits_are_described_as_a_separate_arrangement(site_content):
    introduction = Topic.objects.get(slug="residents-and-exchanges").introduction
    assert "1964" in introduction and "separate" in introduction
    assert "2026" in introduction and "visa" in introduction


def test_no_text_is_out_of_date(site_content):
    texts = [
        *Topic.objects.values_list("introduction_en", flat=True),
        *Position.objects.values_list("body_en", flat=True),
        *Position.objects.values_list("summary_en", flat=True),
    ]
    assert [text for text in texts if "end of 2025" in text] == []


def test_the_1956_declaration_is_not_read_from_an_english_authentic_text(
    site_content,
):
    texts = [
        Topic.objects.get(slug="joint-declaration-1956").introduction,
        *Position.objects.filter(topic__slug="joint-declaration-1956").values_list(
            "body_en", flat=True
        ),
    ]
    assert not any(
        re.search(r"English text (says|reads)", text) and "UN Treaty" not in text
        for text in texts
    )
    assert "引き渡す" in texts[0] and "передача" in texts[0]


def test_no_source_title_in_the_positions_fixtures_is_bracketed():
    # 01/02 belong to the timeline content; these two files are the positions'.
    titles = [
        obj["fields"]["title"]
        for name in ("03_positions.json", "04_current_status.json")
        for obj in json.loads((settings.BASE_DIR / "fixtures" / name).read_text())
        if obj["model"] == "timeline.source"
    ]
    assert titles and [title for title in titles if title.startswith("[")] == []


def test_the_current_status_is_dated_sourced_and_published(site_content):
    items = list(StatusItem.objects.current())
    labels = " ".join(item.label.lower() for item in items)
    for subject in ("administ", "treaty", "exchanges", "grave", "fishing"):
        assert subject in labels, subject
    assert "japan's latest wording" in labels and "russia's latest wording" in labels
    for item in items:
        item.full_clean()
        assert item.source.url and item.as_of <= item.reviewed_on
        assert item.as_of.year >= 2022
    assert max(item.as_of for item in items).year == 2026


def test_topic_pages_show_the_originals_with_lang(client, site_content):
    shown = Counter()
    for topic in Topic.objects.with_published_positions():
        page = client.get(topic.get_absolute_url()).content.decode()
        shown["ja"] += page.count(
            '<blockquote class="statement-original-text" lang="ja">'
        )
        shown["ru"] += page.count(
            '<blockquote class="statement-original-text" lang="ru">'
        )
    quotations = Counter(
        Statement.objects.published()
        .filter(is_quotation=True)
        .values_list("original_language", flat=True)
    )
    assert shown["ja"] == quotations["ja"] and shown["ru"] == quotations["ru"]
    assert shown["ja"] + shown["ru"] >= 30
