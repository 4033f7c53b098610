import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from editorial.models import Status

from .factories import (
    make_country,
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
def content():
    """Two topics with both sides' positions, a third country, and drafts."""
    japan = make_country(slug="japan", name="Japan", order=1)
    russia = make_country(slug="russia", name="Russia", order=2)
    usa = make_country(slug="united-states", name="United States", order=3)
    make_country(slug="china", name="China", order=4)
    sovereignty = make_topic(
        slug="sovereignty",
        title="The basis of sovereignty",
        question="On what basis does each side claim the islands?",
        introduction="Both sides cite treaties.",
        order=1,
    )
    declaration = make_topic(
        slug="declaration-1956",
        title="The 1956 Joint Declaration",
        question="What did the 1956 declaration promise?",
        order=2,
    )
    unfinished = make_topic(slug="unfinished", title="Unfinished topic", order=3)
    positions = {
        "japan": make_position(
            country=japan,
            topic=sovereignty,
            summary="An inherent part of Japan's territory.",
            body="Illegally **occupied** since 1945.",
        ),
        "russia": make_position(
            country=russia,
            topic=sovereignty,
            summary="Lawfully acquired as a result of the war.",
        ),
        "japan-1956": make_position(
            country=japan, topic=declaration, summary="Japan reads Article 9."
        ),
        "russia-1956": make_position(
            country=russia, topic=declaration, summary="Russia reads Article 9."
        ),
        "usa": make_position(
            country=usa, topic=declaration, summary="The United States observes."
        ),
        "draft": make_position(
            country=russia,
            topic=unfinished,
            summary="Secret draft summary.",
            status=Status.DRAFT,
        ),
        "scheduled": make_position(
            country=japan,
            topic=unfinished,
            summary="Scheduled summary.",
            published_at=timezone.now() + datetime.timedelta(days=1),
        ),
    }
    moscow = make_event(slug="moscow-talks", title="Moscow talks")
    hidden = make_event(slug="hidden-event", title="Hidden event", status=Status.DRAFT)
    treaty = make_source(title="The Joint Declaration text", author="Two governments")
    press = make_source(title="A press conference record", author="Kremlin")
    hatoyama = make_person(
        slug="ichiro-hatoyama", name="Ichirō Hatoyama", role="Prime Minister"
    )
    statements = {
        "japan-1956": make_statement(
            position=positions["japan"],
            date=D(1956, 10, 19),
            speaker=hatoyama,
            kind="treaty",
            text="Japanese words of 1956.",
            is_quotation=True,
            source=treaty,
            locator="Art. 9",
            event=moscow,
        ),
        "russia-1960": make_statement(
            position=positions["russia"],
            date=D(1960, 1, 27),
            speaker_label="Soviet government",
            kind="diplomatic",
            text="Soviet note of 1960.",
            source=press,
            event=hidden,
        ),
        "japan-1993": make_statement(
            position=positions["japan"],
            date=D(1993, 10, 1),
            date_precision="month",
            speaker_label="Ministry of Foreign Affairs of Japan",
            text="Japanese paraphrase of 1993.",
            source=treaty,
            locator="Art. 2",
        ),
        "russia-2005": make_statement(
            position=positions["russia"],
            date=D(2005, 9, 27),
            speaker_label="President of Russia",
            kind="interview",
            text="Russian words of 2005.",
            is_quotation=True,
            source=press,
            event=moscow,
        ),
        "draft": make_statement(
            position=positions["draft"],
            text="Secret draft statement.",
            event=moscow,
        ),
        "scheduled": make_statement(
            position=positions["scheduled"],
            text="Scheduled statement.",
            event=moscow,
        ),
    }
    return {
        "topics": {"sovereignty": sovereignty, "declaration": declaration},
        "positions": positions,
        "statements": statements,
        "events": {"moscow": moscow, "hidden": hidden},
    }


HIDDEN = [
    b"Secret draft summary",
    b"Secret draft statement",
    b"Scheduled summary",
    b"Scheduled statement",
    b"Unfinished topic",
]


def assert_no_drafts(response):
    for text in HIDDEN:
        assert text not in response.content


def assert_in_order(page, *texts):
    # In the body: the head's JSON-LD repeats the quotations.
    body = page[page.index("<body") :]
    offsets = [body.index(text) for text in texts]
    assert offsets == sorted(offsets)


def test_matrix_shows_topics_down_and_countries_across(client, content):
    response = client.get(reverse("positions:topic_list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert [country.name for country in response.context["countries"]] == [
        "Japan",
        "Russia",
        "United States",
    ]
    assert "China" not in page
    assert_in_order(page, ">Japan</a></th>", ">Russia</a></th>", ">United States<")
    assert_in_order(
        page,
        "The basis of sovereignty",
        "An inherent part of Japan&#x27;s territory.",
        "Lawfully acquired as a result of the war.",
        "The 1956 Joint Declaration",
        "Japan reads Article 9.",
        "Russia reads Article 9.",
        "The United States observes.",
    )
    assert 'href="/en/positions/sovereignty/#position-russia"' in page
    assert "No position published." in page
    assert_no_drafts(response)


def test_topic_page_shows_both_positions_in_full(client, content):
    response = client.get(reverse("positions:topic_detail", args=["sovereignty"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert [position.country.slug for position in response.context["positions"]] == [
        "japan",
        "russia",
    ]
    assert "On what basis does each side claim the islands?" in page
    assert "Both sides cite treaties." in page
    assert "Illegally <strong>occupied</strong> since 1945." in page
    assert 'id="position-japan"' in page and 'id="position-russia"' in page
    assert_no_drafts(response)


def test_topic_page_interleaves_both_sides_statements_by_date(client, content):
    response = client.get(reverse("positions:topic_detail", args=["sovereignty"]))
    statements = content["statements"]
    assert response.context["statements"] == [
        statements["japan-1956"],
        statements["russia-1960"],
        statements["japan-1993"],
        statements["russia-2005"],
    ]
    assert_in_order(
        response.content.decode(),
        "Japanese words of 1956.",
        "Soviet note of 1960.",
        "Japanese paraphrase of 1993.",
        "Russian words of 2005.",
    )


def test_each_statement_shows_speaker_date_kind_form_source_and_event(client, content):
    response = client.get(reverse("positions:topic_detail", args=["sovereignty"]))
    page = response.content.decode()
    first = content["statements"]["japan-1956"]
    item = page[page.index(f'id="statement-{first.pk}"') :]
    item = item[: item.index("</li>")]
    assert "Ichirō Hatoyama" in item and "(Prime Minister)" in item
    assert "19 October 1956" in item
    assert "Treaty or agreement text" in item
    assert "Quotation" in item and "<blockquote" in item
    assert '<a href="#source-1">[1]</a>, Art. 9' in item
    assert 'href="/en/timeline/moscow-talks/"' in item
    assert "October 1993" in page
    assert "Paraphrase" in page


def test_a_statement_shows_its_original_wording_with_lang(client, content):
    quotation = content["statements"]["japan-1956"]
    quotation.original_text = "歯舞群島及び色丹島を日本国に引き渡すことに同意する。"
    quotation.original_language = "ja"
    quotation.save()
    paraphrase = content["statements"]["russia-1960"]
    paraphrase.original_text = "Передача островов невозможна."
    paraphrase.original_language = "ru"
    paraphrase.save()
    response = client.get(reverse("positions:topic_detail", args=["sovereignty"]))
    page = response.content.decode()

    def item(statement):
        text = page[page.index(f'id="statement-{statement.pk}"') :]
        return text[: text.index("</li>")]

    japanese = item(quotation)
    assert "Original (Japanese), quotation" in japanese
    assert '<blockquote class="statement-original-text" lang="ja">' in japanese
    assert "日本国に引き渡す" in japanese
    assert "English translation:" in japanese and "Japanese words of 1956." in japanese
    russian = item(paraphrase)
    assert "Original (Russian), paraphrase" in russian
    assert '<p class="statement-original-text" lang="ru">' in russian
    assert "<blockquote" not in russian
    without = item(content["statements"]["japan-1993"])
    assert "Original" not in without and "lang=" not in without


def test_sources_are_numbered_once_in_order_of_first_citation(client, content):
    response = client.get(reverse("positions:topic_detail", args=["sovereignty"]))
    assert [source.title for source in response.context["sources"]] == [
        "The Joint Declaration text",
        "A press conference record",
    ]
    numbers = [s.source_number for s in response.context["statements"]]
    assert numbers == [1, 2, 1, 2]
    assert b'id="source-2"' in response.content
    assert b'id="source-3"' not in response.content


def test_a_statement_links_only_to_a_published_event(client, content):
    response = client.get(reverse("positions:topic_detail", args=["sovereignty"]))
    assert b"Soviet note of 1960." in response.content
    assert b"hidden-event" not in response.content
    assert b"Hidden event" not in response.content


def test_country_page_shows_one_countrys_positions_on_every_topic(client, content):
    response = client.get(reverse("positions:country_detail", args=["japan"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert_in_order(page, "The basis of sovereignty", "The 1956 Joint Declaration")
    assert "An inherent part of Japan&#x27;s territory." in page
    assert "Japan reads Article 9." in page
    assert "Japanese words of 1956." in page
    assert "Lawfully acquired" not in page
    assert "Soviet note of 1960." not in page
    assert_no_drafts(response)


def test_country_page_opens_with_a_contents_list_of_its_topics(client, content):
    page = client.get(reverse("positions:country_detail", args=["japan"]))
    page = page.content.decode()
    start = page.index('id="country-contents-title"')
    contents = page[start : page.index("</nav>", start)]
    first = '<a href="#topic-sovereignty">The basis of sovereignty</a>'
    assert contents.index(first) < contents.index('<a href="#sources-title">')
    assert contents.count("<li>") == page.count('class="country-position"') + 1
    for anchor in re.findall(r'href="#([\w-]+)"', contents):
        assert f'id="{anchor}"' in page
    assert start < page.index('class="country-position"')


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("positions:topic_detail", "no-such-topic"),
        ("positions:topic_detail", "unfinished"),
        ("positions:country_detail", "atlantis"),
        ("positions:country_detail", "china"),
    ],
    ids=["unknown-topic", "topic-with-drafts-only", "unknown-country", "no-position"],
)
def test_unknown_or_unpublished_slugs_are_not_found(client, content, name, slug):
    assert client.get(reverse(name, args=[slug])).status_code == 404


def test_event_page_lists_what_was_said_there(client, content):
    response = client.get(content["events"]["moscow"].get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "What was said" in page
    assert_in_order(page, "Japanese words of 1956.", "Russian words of 2005.")
    assert 'href="/en/positions/sovereignty/"' in page
    assert "Soviet note of 1960." not in page
    assert_no_drafts(response)


def test_event_page_without_statements_has_no_empty_section(client, content):
    event = make_event(slug="quiet")
    response = client.get(event.get_absolute_url())
    assert b"What was said" not in response.content


def test_home_page_shows_both_positions_at_a_glance(client, content):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Both positions in brief" in page
    # A line per side, not the whole table.
    assert "positions-matrix" not in page
    assert "An inherent part of Japan&#x27;s territory." in page
    assert "Lawfully acquired as a result of the war." in page
    assert_no_drafts(response)


def test_pages_say_so_when_nothing_is_published(client):
    assert b"No positions have been published yet." in (
        client.get(reverse("positions:topic_list")).content
    )
    assert client.get(reverse("home")).status_code == 200


def test_main_navigation_marks_the_positions_page(client, content):
    response = client.get(reverse("positions:topic_list"))
    assert b'href="/en/positions/" aria-current="page">Positions' in response.content
    response = client.get(reverse("timeline:event_list"))
    assert b'href="/en/positions/">Positions' in response.content
