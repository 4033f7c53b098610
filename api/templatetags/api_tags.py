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


def download_links(obj):
    kind = KINDS.get(obj._meta.model_name)
    if kind is None:
        return []
    return [
        (
            label,
            citations.MEDIA_TYPES[extension],
            reverse("api:cite", args=[kind, obj.slug, extension]),
        )
        for label, extension in (
            ("CSL-JSON", "json"),
            ("RIS", "ris"),
            ("BibTeX", "bib"),
        )
    ]


@register.simple_tag
def citation_downloads(obj):
    """The citation files of an object itself: a source's own reference."""
    return download_links(obj)


@register.simple_tag
def page_citation(obj, title, updated):
    """What "Cite this page" offers: three styles and three download formats."""
    item = citations.page_item(obj, title, updated)
    return {"styles": citations.styled(item), "downloads": download_links(obj)}


@register.simple_tag
def citation_meta(obj, title, updated):
    """Highwire citation_* tags (read by Zotero and Google Scholar), and the
    citation downloads as alternates."""
    item = citations.page_item(obj, title, updated)
    tags = [
        ("citation_title", item["title"]),
        ("citation_author", item["author"][0]["literal"]),
        ("citation_publisher", item["container-title"]),
        ("citation_public_url", item["URL"]),
        ("citation_language", item["language"]),
    ]
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
def dataset_json_ld(modified):
    return json_ld(linked_data.dataset(modified))
