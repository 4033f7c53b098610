"""The shipped documents: their texts sourced and marked, their readings linked."""

import datetime
import json

import pytest
from django.conf import settings
from django.urls import reverse

from documents.models import Article, ArticleText, Document
from positions.models import Statement

pytestmark = pytest.mark.django_db

D = datetime.date

# Dates from shared/FACTS.md.
SIGNED = {
    "treaty-of-shimoda": D(1855, 2, 7),
    "treaty-of-saint-petersburg": D(1875, 5, 7),
    "treaty-of-portsmouth": D(1905, 9, 5),
    "neutrality-pact": D(1941, 4, 13),
    "yalta-agreement": D(1945, 2, 11),
    "san-francisco-peace-treaty": D(1951, 9, 8),
    "joint-declaration-1956": D(1956, 10, 19),
    "soviet-memorandum-1960": D(1960, 1, 27),
    "joint-communique-1991": D(1991, 4, 18),
    "tokyo-declaration": D(1993, 10, 13),
    "irkutsk-statement": D(2001, 3, 25),
    "russian-constitution-2020": D(2020, 7, 1),
}


def test_at_least_twelve_documents_from_1855_to_2020(shipped_content, client):
    documents = Document.objects.published()
    assert documents.count() >= 12
    dates = dict(documents.values_list("slug", "date"))
    assert {slug: dates.get(slug) for slug in SIGNED} == SIGNED
    listed = client.get(reverse("documents:document_list")).context["document_list"]
    assert len(listed) >= 12


def test_every_document_article_and_text_passes_validation(shipped_content):
    for model in (Document, Article, ArticleText):
        for obj in model.objects.all():
            obj.full_clean()
    for document in Document.objects.all():
        assert document.articles.exists(), document.slug
        assert document.source_id, document.slug
    for article in Article.objects.all():
        assert article.texts.exists(), article


def test_every_text_names_its_source_and_standing(shipped_content, client):
    for text in ArticleText.objects.select_related("source", "article__document"):
        assert text.source.title
        assert text.authenticity in ArticleText.Authenticity.values
        if text.authenticity == ArticleText.Authenticity.AUTHENTIC:
            assert text.language in text.article.document.authentic_language_codes
        elif text.authenticity != ArticleText.Authenticity.ORIGINAL:
            assert text.translator, text
    for document in Document.objects.published():
        html = client.get(document.get_absolute_url()).content.decode()
        for text in ArticleText.objects.filter(article__document=document):
            assert text.get_authenticity_display() in html, text
            assert text.source.title.replace("'", "&#x27;") in html, text


def test_the_1956_declaration_page_shows_article_9_and_both_readings(
    shipped_content, client
):
    document = Document.objects.get(slug="joint-declaration-1956")
    assert document.authentic_language_codes == ["ja", "ru"]
    texts = {
        text.language: text
        for text in ArticleText.objects.filter(
            article__document=document, article__slug="article-9"
        )
    }
    assert texts["ja"].authenticity == texts["ru"].authenticity == "authentic"
    assert "引き渡す" in texts["ja"].text
    assert "передача" in texts["ru"].text
    assert texts["en"].authenticity == "unofficial" and "transfer" in texts["en"].text
    response = client.get(document.get_absolute_url())
    html = response.content.decode()
    article = html[html.index('id="article-9"') :]
    assert 'lang="ja">' in article and 'lang="ru">' in article
    assert 'lang="en">' in article
    readings = Statement.objects.published().filter(
        article__document=document, article__slug="article-9"
    )
    for country in ("japan", "russia"):
        side = readings.filter(position__country__slug=country)
        assert side.count() >= 3, country
        for statement in side:
            assert statement.display_date in article
            assert statement.source.title.replace("'", "&#x27;") in article


@pytest.mark.parametrize(
    ("document", "article"),
    [
        ("joint-declaration-1956", "article-9"),
        ("san-francisco-peace-treaty", "article-2c"),
        ("yalta-agreement", "paragraph-3"),
        ("treaty-of-shimoda", "article-2"),
    ],
)
def test_both_sides_read_the_disputed_clauses(shipped_content, document, article):
    sides = set(
        Statement.objects.published()
        .filter(article__document__slug=document, article__slug=article)
        .values_list("position__country__slug", flat=True)
    )
    assert {"japan", "russia"} <= sides


def test_at_least_twenty_statements_read_an_article(shipped_content):
    assert Statement.objects.published().filter(article__isnull=False).count() >= 20
    links = json.loads(
        (settings.FIXTURE_DIRS[0] / "links" / "readings.json").read_text()
    )
    assert len(links) >= 20
    for statement in Statement.objects.filter(article__isnull=False):
        statement.full_clean()


def test_verbatim_texts_keep_their_wording(shipped_content):
    wording = {
        ("treaty-of-shimoda", "article-2", "ja"): "「ヱトロプ」全島は日本に屬し",
        ("treaty-of-saint-petersburg", "article-2", "en"): "18) Uruppu.",
        (
            "potsdam-declaration",
            "paragraph-8",
            "en",
        ): "such minor islands as we determine",
        (
            "san-francisco-peace-treaty",
            "article-2c",
            "en",
        ): "Japan renounces all right, title and claim to the Kurile Islands",
        ("yalta-agreement", "paragraph-3", "en"): "The Kuril islands shall be handed "
        "over to the Soviet Union.",
        ("neutrality-pact", "article-2", "ru"): "будет соблюдать нейтралитет",
    }
    for (document, article, language), words in wording.items():
        text = ArticleText.objects.get_by_natural_key(document, article, language)
        assert words in text.text


def test_unverified_texts_show_no_wording_and_send_readers_to_the_source(
    shipped_content, client
):
    unverified = ArticleText.objects.filter(verification="not-verified")
    assert unverified.exists()
    assert not unverified.exclude(text="").exists()
    html = client.get(
        Document.objects.get(slug="joint-declaration-1956").get_absolute_url()
    ).content.decode()
    assert "is not verified here" in html


def test_a_signing_event_links_to_its_document_and_anchors(shipped_content, client):
    html = client.get(
        reverse("timeline:event_detail", args=["joint-declaration-1956"])
    ).content.decode()
    assert 'href="/en/documents/joint-declaration-1956/"' in html
    assert 'href="/en/documents/joint-declaration-1956/#article-9"' in html
