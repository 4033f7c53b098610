import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from documents.models import Article, ArticleText, Document
from editorial.models import Status

from .factories import (
    make_article,
    make_article_text,
    make_document,
    make_position,
    make_source,
    make_statement,
)

pytestmark = pytest.mark.django_db


def errors_of(obj):
    with pytest.raises(ValidationError) as error:
        obj.full_clean()
    return error.value.message_dict


def test_a_draft_document_hides_its_published_articles():
    public = make_article(document=make_document())
    hidden_by_document = make_article(document=make_document(status=Status.DRAFT))
    draft = make_article(document=public.document, status=Status.DRAFT)
    assert list(Article.objects.published()) == [public]
    assert public.is_public
    assert not hidden_by_document.is_public
    assert not draft.is_public


def test_a_scheduled_document_is_not_public_yet():
    later = datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC)
    document = make_document(published_at=later)
    make_article(document=document)
    assert not Document.objects.published().exists()
    assert not Article.objects.published().exists()


def test_authentic_languages_are_known_codes_in_the_written_order():
    document = make_document(authentic_languages="ru; JA, ru")
    assert document.authentic_language_codes == ["ru", "ja"]
    assert document.authentic_language_names == ["Russian", "Japanese"]
    document.authentic_languages = "ja, xx"
    assert "xx" in errors_of(document)["authentic_languages"][0]


def test_languages_show_the_authentic_ones_first():
    document = make_document(authentic_languages="ru, ja")
    assert document.language_order(["en", "fr", "ja", "ru", "en"]) == [
        "ru",
        "ja",
        "en",
        "fr",
    ]


def test_document_dates_are_checked():
    document = make_document(date=datetime.date(1956, 10, 19))
    document.in_force = datetime.date(1956, 10, 1)
    assert "in_force" in errors_of(document)
    document.in_force = None
    document.date_old_style = datetime.date(1956, 10, 1)
    assert "date_old_style" in errors_of(document)
    document.date_old_style = datetime.date(1956, 10, 7)
    document.full_clean()


def test_the_database_refuses_entry_into_force_before_signing():
    with transaction.atomic(), pytest.raises(IntegrityError):
        make_document(
            date=datetime.date(1956, 10, 19), in_force=datetime.date(1955, 1, 1)
        )


def test_an_article_anchor_is_unique_within_its_document():
    article = make_article(slug="article-9")
    make_article(slug="article-9")  # another document: fine
    with transaction.atomic(), pytest.raises(IntegrityError):
        make_article(document=article.document, slug="article-9")


def test_an_article_links_to_its_anchor():
    article = make_article(
        document=make_document(slug="joint-declaration-1956"), slug="article-9"
    )
    assert (
        article.get_absolute_url() == "/en/documents/joint-declaration-1956/#article-9"
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"verification": "not-verified", "text": "words"}, "text"),
        ({"verification": "full", "text": "  "}, "text"),
        ({"verification": "excerpt", "text": "no ellipsis here"}, "text"),
        ({"authenticity": "authentic", "language": "en"}, "authenticity"),
        ({"authenticity": "authentic", "translator": "Someone"}, "translator"),
        ({"authenticity": "original", "translator": "Someone"}, "translator"),
        ({"authenticity": "official", "translator": ""}, "translator"),
        ({"authenticity": "unofficial", "translator": ""}, "translator"),
    ],
)
def test_a_text_says_what_it_is_and_never_pretends(fields, field):
    text = make_article_text(language="ja")
    for name, value in fields.items():
        setattr(text, name, value)
    assert field in errors_of(text)


def test_valid_texts_pass():
    article = make_article(document=make_document(authentic_languages="ja, ru"))
    for fields in (
        {"language": "ja", "authenticity": "authentic"},
        {"language": "ru", "authenticity": "authentic", "text": "… передачу …"},
        {
            "language": "en",
            "authenticity": "unofficial",
            "translator": "UN Secretariat",
            "verification": "excerpt",
            "text": "… agrees to transfer …",
        },
        {
            "language": "fr",
            "authenticity": "unofficial",
            "translator": "UN Secretariat",
            "verification": "not-verified",
            "text": "",
        },
    ):
        make_article_text(article=article, **fields).full_clean()


def test_one_text_per_article_and_language():
    text = make_article_text(language="ja")
    with transaction.atomic(), pytest.raises(IntegrityError):
        make_article_text(article=text.article, language="ja")


def test_natural_keys_round_trip(tmp_path):
    text = make_article_text(
        article=make_article(document=make_document(slug="doc"), slug="article-9")
    )
    assert Document.objects.get_by_natural_key("doc") == text.article.document
    assert Article.objects.get_by_natural_key("doc", "article-9") == text.article
    assert ArticleText.objects.get_by_natural_key("doc", "article-9", "ja") == text
    fixture = tmp_path / "documents.json"
    call_command(
        "dumpdata",
        "documents",
        "--natural-foreign",
        "--natural-primary",
        output=str(fixture),
        verbosity=0,
    )
    ArticleText.objects.all().delete()
    Article.objects.all().delete()
    Document.objects.all().delete()
    call_command("loaddata", str(fixture), verbosity=0)
    assert ArticleText.objects.get().article.document.slug == "doc"


def test_a_statement_cannot_read_an_article_signed_after_it():
    article = make_article(document=make_document(date=datetime.date(1956, 10, 19)))
    statement = make_statement(date=datetime.date(1951, 9, 8))
    statement.article = article
    with pytest.raises(ValidationError) as error:
        statement.full_clean()
    assert "before" in error.value.message_dict["article"][0]
    # The last round of talks, a day before the signing, reads the final text.
    statement.date = datetime.date(1956, 10, 18)
    statement.full_clean()


def test_deleting_an_article_keeps_its_readings():
    statement = make_statement(position=make_position(), article=make_article())
    statement.article.delete()
    statement.refresh_from_db()
    assert statement.article is None


def test_a_source_cited_by_a_text_cannot_be_deleted():
    source = make_source()
    make_article_text(source=source)
    with pytest.raises(ProtectedError):
        source.delete()
