import json

from django import template
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from .. import citations, linked_data

register = template.Library()

# As json_script does: nothing in the data can close the script element.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """<script type="application/ld+json">, which json_script cannot write."""
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    text = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.simple_tag
def event_json_ld(event):
    return json_ld(linked_data.event_graph(event))


@register.simple_tag
def topic_json_ld(topic, updated, statements=()):
    return json_ld(linked_data.topic_graph(topic, updated, statements))


@register.simple_tag
def country_json_ld(country, positions):
    return json_ld(linked_data.country_graph(country, positions))


@register.simple_tag
def document_json_ld(document, articles):
    return json_ld(linked_data.document_graph(document, articles))


@register.simple_tag
def island_json_ld(island):
    return json_ld(linked_data.island_graph(island))


KINDS = {
    "event": "events",
    "topic": "topics",
    "document": "documents",
    "source": "sources",
}
FORMATS = (("CSL-JSON", "json"), ("RIS", "ris"), ("BibTeX", "bib"))


def citation_url(obj, extension):
    """The API's citation of obj, as its `cite` field links it."""
    if obj._meta.model_name == "article":
        args = [obj.document.slug, obj.slug, extension]
        return reverse("api:cite_article", args=args)
    return reverse("api:cite", args=[KINDS[obj._meta.model_name], obj.slug, extension])


def download_links(obj):
    if obj._meta.model_name not in {*KINDS, "article"}:
        return []
    return [
        (label, citations.MEDIA_TYPES[extension], citation_url(obj, extension))
        for label, extension in FORMATS
    ]


@register.simple_tag
def citation_downloads(obj):
    """[(label, media type, url)] of obj's CSL-JSON, RIS and BibTeX files."""
    return download_links(obj)


@register.simple_tag
def page_citation(obj, title, updated):
    """What "Cite this page" offers: three styles and three download formats."""
    item = citations.page_item(obj, title, updated)
    return {"styles": citations.styled(item), "downloads": download_links(obj)}


def meta_tags(item, obj):
    tags = [("citation_title", item["title"])]
    tags += [
        ("citation_author", author["literal"]) for author in item.get("author", [])
    ]
    if item.get("container-title"):
        tags.append(("citation_publisher", item["container-title"]))
    tags.append(("citation_public_url", item["URL"]))
    if item.get("language"):
        tags.append(("citation_language", item["language"]))
    issued = citations.parts_of(item, "issued")
    if issued:
        tags.append(("citation_date", "/".join(f"{part:02d}" for part in issued)))
    meta = format_html_join(
        "\n", '<meta name="{}" content="{}">', ((name, value) for name, value in tags)
    )
    links = format_html_join(
        "\n",
        '<link rel="alternate" type="{}" title="Citation ({})" href="{}">',
        ((media, label, url) for label, media, url in download_links(obj)),
    )
    return meta + mark_safe("\n") + links


@register.simple_tag
def citation_meta(obj, title, updated):
    """Highwire citation_* tags (read by Zotero and Google Scholar), and the
    citation downloads as alternates."""
    return meta_tags(citations.page_item(obj, title, updated), obj)


@register.simple_tag
def document_citation_meta(document):
    """A document's citation_* tags: the treaty itself, as its downloads cite it
    (its parties as authors, the day it was signed)."""
    return meta_tags(citations.document_item(document), document)


@register.simple_tag
def dataset_json_ld(modified):
    return json_ld(linked_data.dataset(modified))
