"""schema.org descriptions of pages, as JSON-LD."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext, pgettext

from editorial.translation import active_language, text_language

from .codebook import LICENCE, TABLES
from .serializers import titles

CONTEXT = "https://schema.org"


def absolute(path):
    return settings.SITE_URL + path


def site_organisation():
    return {"@type": "Organization", "name": settings.SITE_NAME, "url": absolute("/")}


def breadcrumbs(*trail):
    """trail: (name, path) pairs from the home page down to the page itself, named
    in the page's language like the visible breadcrumbs."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": number,
                "name": name,
                "item": absolute(path),
            }
            for number, (name, path) in enumerate(
                [(pgettext("breadcrumb", "Home"), reverse("home")), *trail], start=1
            )
        ],
    }


def article(path, headline, description, modified, published=None, language="en"):
    """A page as a schema.org Article; `language`: the headline's."""
    data = {
        "@context": CONTEXT,
        "@type": "Article",
        "headline": headline[:110],
        "description": description,
        "url": absolute(path),
        "mainEntityOfPage": absolute(path),
        "inLanguage": language,
        "author": site_organisation(),
        "publisher": site_organisation(),
        "license": LICENCE["path"],
        "isAccessibleForFree": True,
    }
    if published:
        data["datePublished"] = published.isoformat()
    if modified:
        data["dateModified"] = modified.isoformat()
    return data


def event_graph(event):
    return [
        article(
            event.get_absolute_url(),
            event.title,
            event.summary,
            event.updated_at,
            event.published_at,
            language=text_language(event, "title"),
        ),
        breadcrumbs(
            (gettext("Timeline"), reverse("timeline:event_list")),
            (event.era.title, event.era.get_absolute_url()),
            (event.title, event.get_absolute_url()),
        ),
    ]


def quotation(statement):
    """A verbatim statement: its original words, with the English as a translation."""
    has_original = bool(statement.original_text.strip())
    data = {
        "@type": "Quotation",
        "text": statement.original_text if has_original else statement.text,
    }
    language = statement.original_lang_attribute if has_original else "en"
    if language:
        data["inLanguage"] = language
    if statement.speaker_id:
        data["spokenByCharacter"] = {"@type": "Person", "name": statement.speaker_name}
    else:
        # A label may name a body or a person with an office: no type is guessed.
        data["creditText"] = statement.speaker_name
    data["dateCreated"] = statement.machine_date
    data["url"] = absolute(statement.get_absolute_url())
    source = {"@type": "CreativeWork", "name": statement.source.title}
    if statement.source.url:
        source["url"] = statement.source.url
    data["citation"] = source
    if has_original:
        data["workTranslation"] = {
            "@type": "Quotation",
            "text": statement.text,
            "inLanguage": text_language(statement, "text"),
        }
    return data


def quotations(statements):
    """The verbatim ones among public positions' statements, as Quotations."""
    return [
        quotation(statement)
        for statement in statements
        if statement.is_quotation and statement.position.is_public
    ]


def topic_graph(topic, updated, statements=()):
    page = article(
        topic.get_absolute_url(),
        topic.title,
        topic.question,
        updated,
        language=text_language(topic, "title"),
    )
    if parts := quotations(statements):
        page["hasPart"] = parts
    return [
        page,
        breadcrumbs(
            (gettext("Positions"), reverse("positions:topic_list")),
            (topic.title, topic.get_absolute_url()),
        ),
    ]


def country_graph(country, positions):
    """A country's page: its positions on every topic, with the verbatim statements
    behind them as Quotations. Headline and description are the page's own."""
    path = reverse("positions:country_detail", args=[country.slug])
    names = {"country": country.name}
    page = article(
        path,
        gettext("%(country)s: positions on every topic") % names,
        gettext(
            "What %(country)s holds on each question of the dispute over the "
            "Northern Territories / Southern Kurils, with dated and sourced "
            "statements."
        )
        % names,
        max((position.updated_at for position in positions), default=None),
        language=active_language(),
    )
    statements = [
        statement
        for position in positions
        for statement in position.published_statements
    ]
    if parts := quotations(statements):
        page["hasPart"] = parts
    return [
        page,
        breadcrumbs(
            (gettext("Positions"), reverse("positions:topic_list")),
            (country.name, path),
        ),
    ]


def document_graph(document, articles):
    """A document as schema.org Legislation (the type for treaties too), its public
    articles as parts."""
    names = titles(document)
    data = {
        "@context": CONTEXT,
        "@type": "Legislation",
        "name": names.pop("en"),
        "legislationType": document.get_kind_display(),
        "legislationDate": document.date.isoformat(),
        "description": document.summary,
        "url": absolute(document.get_absolute_url()),
        "isAccessibleForFree": True,
    }
    if names:
        data["alternateName"] = list(names.values())
    if document.authentic_language_codes:
        data["inLanguage"] = document.authentic_language_codes
    parts = [
        {
            "@type": "Legislation",
            "name": article.label,
            "url": absolute(article.get_absolute_url()),
        }
        for article in articles
        if article.is_public
    ]
    if parts:
        data["hasPart"] = parts
    return [
        data,
        breadcrumbs(
            (gettext("Documents"), reverse("documents:document_list")),
            (document.title, document.get_absolute_url()),
        ),
    ]


def island_graph(island):
    # A place with both names and its coordinates; no country is asserted.
    place = {
        "@context": CONTEXT,
        "@type": "Place",
        "name": str(island),
        "alternateName": [
            island.name_ja,
            island.name_ja_native,
            island.name_ru,
            island.name_ru_native,
        ],
        "url": absolute(island.get_absolute_url()),
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": float(island.latitude),
            "longitude": float(island.longitude),
        },
    }
    if island.summary:
        place["description"] = island.summary
    return [
        place,
        breadcrumbs(
            (gettext("Islands"), reverse("timeline:island_list")),
            (str(island), island.get_absolute_url()),
        ),
    ]


def dataset(modified):
    data = {
        "@context": CONTEXT,
        "@type": "Dataset",
        "name": f"{settings.SITE_NAME}: events, statements, sources and documents",
        "description": "Every published event, statement and source of the site, "
        "and the treaties and declarations with the texts of their articles, as CSV "
        "tables with a codebook, as one JSON file and through a read-only JSON API. "
        "Texts in English, with their Japanese and Russian translations beside them.",
        "url": absolute(reverse("data")),
        "license": LICENCE["path"],
        "isAccessibleForFree": True,
        "creator": site_organisation(),
        "publisher": site_organisation(),
        "inLanguage": "en",
        "temporalCoverage": "1855/..",
        "keywords": [
            "Northern Territories",
            "Southern Kurils",
            "Kuril Islands dispute",
            "Japan",
            "Russia",
        ],
        "distribution": [
            *(
                {
                    "@type": "DataDownload",
                    "name": table.filename,
                    "encodingFormat": "text/csv",
                    "contentUrl": absolute(reverse("api:table_csv", args=[table.name])),
                }
                for table in TABLES.values()
            ),
            {
                "@type": "DataDownload",
                "name": "all.json",
                "encodingFormat": "application/json",
                "contentUrl": absolute(reverse("api:bulk")),
            },
            {
                "@type": "DataDownload",
                "name": "datapackage.json",
                "encodingFormat": "application/json",
                "contentUrl": absolute(reverse("api:datapackage")),
            },
        ],
    }
    if modified:
        data["dateModified"] = modified.isoformat()
    return [
        data,
        breadcrumbs((gettext("Open data"), reverse("data"))),
    ]
