import datetime

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from editorial.models import Status
from positions.models import Position, Statement, Topic

from .factories import (
    make_country,
    make_person,
    make_position,
    make_statement,
    make_topic,
)

pytestmark = pytest.mark.django_db

D = datetime.date
TOMORROW = datetime.timedelta(days=1)


def test_one_position_per_country_and_topic():
    position = make_position()
    duplicate = Position(
        country=position.country, topic=position.topic, summary="Another."
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "already has a position on" in str(error.value)
    with pytest.raises(IntegrityError):
        duplicate.save()


def test_the_same_topic_takes_one_position_of_each_country():
    topic = make_topic()
    make_position(topic=topic)
    other = Position(country=make_country(), topic=topic, summary="Ours.")
    other.full_clean()


def test_a_statement_needs_a_speaker_person_or_label():
    statement = make_statement(speaker_label="")
    with pytest.raises(ValidationError) as error:
        statement.full_clean()
    assert "Name the speaker" in error.value.message_dict["speaker_label_en"][0]

    statement.speaker = make_person(name="Ichirō Hatoyama")
    statement.full_clean()
    assert statement.speaker_name == "Ichirō Hatoyama"

    statement.speaker = None
    statement.speaker_label = "Ministry of Foreign Affairs of Japan"
    statement.full_clean()
    assert statement.speaker_name == "Ministry of Foreign Affairs of Japan"


def test_a_statement_date_follows_its_precision():
    statement = make_statement(date=D(1956, 10, 19), date_precision="month")
    with pytest.raises(ValidationError) as error:
        statement.full_clean()
    assert "first day of the month" in error.value.message_dict["date"][0]
    statement.date = D(1956, 10, 1)
    statement.full_clean()
    assert statement.display_date == "October 1956"


def test_a_statement_needs_a_source():
    statement = make_statement()
    statement.source = None
    with pytest.raises(ValidationError) as error:
        statement.full_clean()
    assert "source" in error.value.message_dict


def test_two_statements_from_one_source_on_one_date_need_different_locators():
    first = make_statement(locator="Art. 9")
    second = Statement(
        position=first.position,
        source=first.source,
        date=first.date,
        speaker_label="Someone",
        text="Something else.",
        locator="Art. 9",
    )
    with pytest.raises(ValidationError):
        second.full_clean()
    second.locator = "Art. 10"
    second.full_clean()


def test_published_positions_exclude_drafts_and_scheduled_ones():
    live = make_position()
    make_position(status=Status.DRAFT)
    make_position(published_at=timezone.now() + TOMORROW)

    assert list(Position.objects.published()) == [live]


def test_a_statement_is_public_only_when_its_position_is():
    live = make_statement(position=make_position(), text="live")
    make_statement(position=make_position(status=Status.DRAFT), text="draft")
    make_statement(
        position=make_position(published_at=timezone.now() + TOMORROW),
        text="scheduled",
    )

    assert list(Statement.objects.published()) == [live]


def test_statements_are_ordered_by_date_across_both_sides():
    topic = make_topic()
    japan = make_position(topic=topic)
    russia = make_position(topic=topic)
    late = make_statement(position=japan, date=D(1993, 10, 13))
    early = make_statement(position=russia, date=D(1956, 10, 19))
    middle = make_statement(position=japan, date=D(1960, 1, 27))

    published = Statement.objects.published().filter(position__topic=topic)
    assert list(published) == [early, middle, late]


def test_topics_with_published_positions_leave_out_unfinished_topics():
    live = make_topic(slug="live")
    make_position(topic=live)
    make_position(topic=live, status=Status.DRAFT)
    unfinished = make_topic(slug="unfinished")
    make_position(topic=unfinished, status=Status.DRAFT)
    make_topic(slug="empty")

    assert list(Topic.objects.with_published_positions()) == [live]


def test_matrix_puts_topics_down_and_countries_across_by_their_order():
    japan = make_country(name="Japan", order=1)
    russia = make_country(name="Russia", order=2)
    usa = make_country(name="United States", order=3)
    make_country(name="Nobody", order=0)
    second = make_topic(title="Second", order=2)
    first = make_topic(title="First", order=1)
    make_position(country=russia, topic=first, summary="R1")
    make_position(country=japan, topic=first, summary="J1")
    make_position(country=japan, topic=second, summary="J2")
    make_position(country=usa, topic=second, summary="U2")
    make_position(country=russia, topic=second, status=Status.DRAFT)

    countries, rows = Position.objects.published().matrix()

    assert countries == [japan, russia, usa]
    assert [topic for topic, cells in rows] == [first, second]
    summaries = [
        [position.summary if position else None for country, position in cells]
        for topic, cells in rows
    ]
    assert summaries == [["J1", "R1", None], ["J2", None, "U2"]]


def test_position_body_is_rendered_and_sanitised_on_save():
    position = make_position(body="**Inherent** territory <script>x</script>")
    assert "<strong>Inherent</strong>" in position.body_html
    assert "<script" not in position.body_html


def test_urls_and_names():
    topic = make_topic(slug="joint-declaration-1956")
    statement = make_statement(
        position=make_position(topic=topic, country=make_country(name="Japan")),
        speaker_label="Ministry of Foreign Affairs",
    )
    assert topic.get_absolute_url() == "/en/positions/joint-declaration-1956/"
    assert statement.get_absolute_url() == (
        f"/en/positions/joint-declaration-1956/#statement-{statement.pk}"
    )
    assert str(statement.position) == f"Japan on {topic.title}"
    assert str(statement) == "Ministry of Foreign Affairs, 19 October 1956"


def test_positions_round_trip_through_natural_keys():
    statement = make_statement(locator="Art. 9", speaker=make_person())
    position = statement.position
    data = serializers.serialize(
        "json",
        [position.topic, position, statement],
        use_natural_foreign_keys=True,
        use_natural_primary_keys=True,
    )
    Statement.objects.all().delete()
    Position.objects.all().delete()
    Topic.objects.all().delete()

    for obj in serializers.deserialize("json", data):
        obj.save()

    loaded = Statement.objects.get()
    assert loaded.locator == "Art. 9"
    assert loaded.position.topic.slug == position.topic.slug
    assert loaded.position.body_html == position.body_html


def test_a_quotation_needs_its_original_wording():
    statement = make_statement(is_quotation=True, text="We will not hand them over.")
    with pytest.raises(ValidationError) as error:
        statement.full_clean()
    assert "original wording" in error.value.message_dict["original_text"][0]

    statement.original_text = "   "
    with pytest.raises(ValidationError):
        statement.full_clean()

    statement.original_text = "引き渡すことに同意する。"
    statement.original_language = "ja"
    statement.full_clean()


def test_original_wording_and_its_language_go_together():
    statement = make_statement(original_text="Курилы — наша земля.")
    with pytest.raises(ValidationError) as error:
        statement.full_clean()
    assert "which language" in error.value.message_dict["original_language"][0]

    statement.original_text = ""
    statement.original_language = "ru"
    with pytest.raises(ValidationError) as error:
        statement.full_clean()
    assert "no original wording" in error.value.message_dict["original_language"][0]

    statement.original_language = ""
    statement.full_clean()  # a plain English paraphrase stays valid


def test_the_original_languages_lang_attribute():
    statement = make_statement(original_text="…", original_language="ru")
    assert statement.has_original and statement.original_lang_attribute == "ru"
    statement.original_language = "other"
    assert statement.original_lang_attribute == ""
    assert not make_statement().has_original


def test_the_original_wording_is_kept_in_history():
    statement = make_statement(original_text="固有の領土", original_language="ja")
    statement.original_text = "我が国固有の領土"
    statement.save()
    old, new = statement.history.order_by("history_date")
    assert (old.original_text, new.original_text) == ("固有の領土", "我が国固有の領土")
