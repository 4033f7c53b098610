"""Markdown rendered once, when content is saved, into sanitised HTML.

Editors are trusted with words, not with markup: whatever the source holds (raw HTML,
attributes, odd link schemes), the output keeps only the tags and attributes below.
"""

import re

import markdown as markdown_lib
import nh3
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "li": {"id"},
    "sup": {"id"},
    "td": {"align"},
    "th": {"align"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# The only ids kept are footnotes' own, so the note links work and nothing else on
# the page can be shadowed.
FOOTNOTE_ID = re.compile(r"fn(ref\d*)?:[\w.-]+")
# "[@slug]" in a body names one of the item's sources. It stays text in the stored
# HTML and becomes a numbered link when the page is shown, since the numbering follows
# the item's citations, which change without the body. Tags, and code, are left alone.
SOURCE_MARKER = re.compile(r"(<(code|pre)\b.*?</\2>|<[^>]*>)|\[@([\w-]+)\]", re.DOTALL)
# The page's title is its only h1; headings in a body start at h2.
HEADING_LEVELS = {"h1": "h2", "h5": "h4", "h6": "h4"}


class _FitHeadings(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            element.tag = HEADING_LEVELS.get(element.tag, element.tag)


class FitHeadingsExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_FitHeadings(md), "fit_headings", 1)


def _filter_attribute(element, attribute, value):
    if attribute == "id" and not FOOTNOTE_ID.fullmatch(value):
        return None
    return value


def render_markdown(text):
    html = markdown_lib.markdown(
        text or "", extensions=["extra", "sane_lists", FitHeadingsExtension()]
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def link_source_markers(html, numbers, label):
    """Turn each [@slug] of sanitised HTML whose slug `numbers` holds ({slug: n}) into
    a link to #source-n; a marker naming any other source stays as it is written."""

    def replace(match):
        number = numbers.get(match.group(3))
        if number is None:
            return match.group(0)
        return format_html(
            '<sup class="source-marker"><a href="#source-{0}">'
            '<span class="visually-hidden">{1} </span>{0}</a></sup>',
            number,
            label,
        )

    return mark_safe(SOURCE_MARKER.sub(replace, html))
