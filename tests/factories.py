"""Small builders for test data: each makes a valid, published object by default."""

import datetime
import itertools

from django.contrib.auth import get_user_model

from documents.models import Article, ArticleText, Document
from editorial.models import Status
from editorial.roles import ensure_editors_group, ensure_reviewers_group
from positions.models import Position, Statement, StatusItem, Topic
from timeline.models import Citation, Country, Era, Event, Island, Person, Source

_counter = itertools.count(1)


def unique(prefix):
    return f"{prefix}-{next(_counter)}"


def make_era(**fields):
    slug = fields.pop("slug", None) or unique("era")
    defaults = {
        "title": slug.replace("-", " ").title(),
        "start_year": 1855,
        "summary": "An era.",
    }
    return Era.objects.create(slug=slug, **{**defaults, **fields})


def make_country(**fields):
    slug = fields.pop("slug", None) or unique("country")
    return Country.objects.create(slug=slug, **{"name": slug.title(), **fields})


def make_person(**fields):
    slug = fields.pop("slug", None) or unique("person")
    return Person.objects.create(slug=slug, **{"name": slug.title(), **fields})


def make_island(**fields):
    slug = fields.pop("slug", None) or unique("island")
    defaults = {
        "name_ja": slug.title(),
        "name_ja_native": "島",
        "name_ru": slug.title() + "ov",
        "name_ru_native": "остров",
        "area_km2": 100,
        "latitude": 44,
        "longitude": 146,
    }
    return Island.objects.create(slug=slug, **{**defaults, **fields})


ETOROFU = {
    "slug": "etorofu",
    "name_ja": "Etorofu",
    "name_ja_native": "択捉島",
    "name_ru": "Iturup",
    "name_ru_native": "Итуруп",
}
SHIKOTAN = {
    "slug": "shikotan",
    "name_ja": "Shikotan",
    "name_ja_native": "色丹島",
    "name_ru": "Shikotan",
    "name_ru_native": "Шикотан",
    "is_named_in_1956": True,
}


def make_etorofu(**fields):
    """Etorofu / Iturup with both names in both scripts."""
    return make_island(**{**ETOROFU, **fields})


def make_shikotan(**fields):
    """Shikotan, one of the two islands the 1956 declaration names."""
    return make_island(**{**SHIKOTAN, **fields})


def make_source(**fields):
    slug = fields.pop("slug", None) or unique("source")
    defaults = {"title": f"Source {slug}", "author": "Ministry of Examples"}
    return Source.objects.create(slug=slug, **{**defaults, **fields})


def make_event(era=None, source=None, **fields):
    slug = fields.pop("slug", None) or unique("event")
    defaults = {
        "title": slug.replace("-", " ").title(),
        "date": datetime.date(1956, 10, 19),
        "summary": "Something happened.",
        "status": Status.PUBLISHED,
    }
    event = Event.objects.create(
        slug=slug, era=era or make_era(), **{**defaults, **fields}
    )
    Citation.objects.create(event=event, source=source or make_source())
    return event


def make_topic(**fields):
    slug = fields.pop("slug", None) or unique("topic")
    defaults = {
        "title": slug.replace("-", " ").title(),
        "question": "Who holds the islands, and why?",
    }
    return Topic.objects.create(slug=slug, **{**defaults, **fields})


def make_position(country=None, topic=None, **fields):
    defaults = {
        "summary": "The islands are ours.",
        "status": Status.PUBLISHED,
    }
    return Position.objects.create(
        country=country or make_country(),
        topic=topic or make_topic(),
        **{**defaults, **fields},
    )


def make_statement(position=None, source=None, **fields):
    defaults = {
        "date": datetime.date(1956, 10, 19),
        "speaker_label": "Ministry of Foreign Affairs",
        "text": "The islands are ours.",
    }
    return Statement.objects.create(
        position=position or make_position(),
        source=source or make_source(),
        **{**defaults, **fields},
    )


def make_status_item(source=None, **fields):
    slug = fields.pop("slug", None) or unique("status")
    defaults = {
        "label": slug.replace("-", " ").title(),
        "text": "All four islands are under Russian administration.",
        "as_of": datetime.date(2026, 2, 20),
        "reviewed_on": datetime.date(2026, 3, 1),
        "status": Status.PUBLISHED,
    }
    return StatusItem.objects.create(
        slug=slug, source=source or make_source(), **{**defaults, **fields}
    )


def make_editor(username=None, **fields):
    """A staff account in the Editors group.

    The group comes from a data migration; a transactional test (live_server) empties
    the database after it, so the group is made again when missing.
    """
    user = get_user_model().objects.create_user(
        username or unique("editor"), password="pw", is_staff=True, **fields
    )
    user.groups.add(ensure_editors_group())
    return user


def make_reviewer(username=None, **fields):
    """An editor who is also in the Reviewers group."""
    user = make_editor(username or unique("reviewer"), **fields)
    user.groups.add(ensure_reviewers_group())
    return user


def make_document(**fields):
    slug = fields.pop("slug", None) or unique("document")
    parties = fields.pop("parties", ())
    defaults = {
        "title": slug.replace("-", " ").title(),
        "date": datetime.date(1956, 10, 19),
        "summary": "The parties agreed on something.",
        "authentic_languages": "ja, ru",
        "status": Status.PUBLISHED,
    }
    document = Document.objects.create(slug=slug, **{**defaults, **fields})
    if parties:
        document.parties.set(parties)
    return document


def make_article(document=None, **fields):
    slug = fields.pop("slug", None) or unique("article")
    defaults = {
        "label": slug.replace("-", " ").title(),
        "summary": "What the clause provides.",
        "status": Status.PUBLISHED,
    }
    return Article.objects.create(
        document=document or make_document(), slug=slug, **{**defaults, **fields}
    )


def make_article_text(article=None, language="ja", **fields):
    defaults = {
        "authenticity": ArticleText.Authenticity.AUTHENTIC,
        "text": f"The clause in {language}.",
    }
    return ArticleText.objects.create(
        article=article or make_article(),
        language=language,
        source=fields.pop("source", None) or make_source(),
        **{**defaults, **fields},
    )
