"""Markdown rendered once, when content is saved, into sanitised HTML.

Editors are trusted with words, not with markup: whatever the source holds (raw HTML,
attributes, odd link schemes), the output keeps only the tags and attributes below.
"""

import re

import markdown as markdown_lib
import nh3
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
