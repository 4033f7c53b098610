"""Citations built from one canonical form, CSL-JSON.

RIS and BibTeX are written from the CSL-JSON item; so are the Chicago, APA and MLA
texts of "Cite this page". The three styles are written by hand: citeproc-py got
names and punctuation wrong here. Authors are kept as "literal" names, since most
are bodies (ministries, agencies) whose names must not be split into given and
family names.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from editorial.translation import text_language
from timeline.dates import DatePrecision

from .serializers import titles

SOURCE_TYPES = {
    "treaty": "treaty",
    "government": "document",
    "scholarship": "article",
    "press": "article-newspaper",
    "reference": "entry-encyclopedia",
    "other": "document",
}
RIS_TYPES = {
    "treaty": "GOVDOC",
    "document": "GEN",
    "article": "GEN",
    "article-newspaper": "NEWS",
    "entry-encyclopedia": "ENCYC",
    "webpage": "ELEC",
}
BIBTEX_TYPES = {"article-newspaper": "article"}
MEDIA_TYPES = {
    "json": "application/vnd.citationstyles.csl+json",
    "ris": "application/x-research-info-systems",
    "bib": "application/x-bibtex",
}
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]  # fmt: skip
MLA_MONTHS = [
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.",
    "Nov.", "Dec.",
]  # fmt: skip


def date_parts(value, precision=DatePrecision.DAY):
    if value is None:
        return None
    parts = [value.year]
    if precision != DatePrecision.YEAR:
        parts.append(value.month)
        if precision == DatePrecision.DAY:
            parts.append(value.day)
    return {"date-parts": [parts]}


def local_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date()
    return value


def source_item(source):
    item = {
        "id": source.slug,
        "type": SOURCE_TYPES.get(source.kind, "document"),
        "title": source.title,
        "author": [{"literal": source.author}],
        "language": source.language,
    }
    if source.publisher:
        key = "container-title" if source.kind == "press" else "publisher"
        item[key] = source.publisher
    if source.date:
        item["issued"] = date_parts(source.date, source.date_precision)
    if source.url:
        item["URL"] = source.url
    if source.note:
        item["note"] = source.note
    return item


def page_item(obj, title, updated, today=None):
    """A page of this site as a CSL-JSON webpage, authored and published by it, as
    the active language's page shows it: the title passed (the page's), the site's
    name in that language, that page's address, and `language` the one the title is
    in (English where it is not yet translated). The API renders in English, so its
    downloads cite the English page."""
    today = today or timezone.localdate()
    site_name = gettext(settings.SITE_NAME)
    item = {
        "id": f"{obj._meta.model_name}-{obj.slug}",
        "type": "webpage",
        "title": title,
        "author": [{"literal": site_name}],
        "container-title": site_name,
        "URL": settings.SITE_URL + obj.get_absolute_url(),
        "language": text_language(obj, "title"),
        "accessed": date_parts(today),
    }
    if updated:
        item["issued"] = date_parts(local_date(updated))
    return item


def document_item(document, today=None):
    """A document as a CSL-JSON treaty: its parties as authors, issued when signed,
    read on this site's page.

    Titles: `title` is the document's usual English name. Where the document declares
    its authentic languages and English is not among them, `original-title` holds its
    titles in those languages, in the order declared, joined by " / " (日ソ共同宣言 /
    Советско-японская декларация 1956 года). Where English is authentic, the English
    title is itself an original and nothing more is added; where the authentic
    languages are not verified, no title is put forward as the original. `language` is
    the first authentic language, or absent when they are not verified.
    """
    today = today or timezone.localdate()
    authentic = document.authentic_language_codes
    item = {
        "id": f"document-{document.slug}",
        "type": "treaty",
        "title": document.title,
    }
    by_language = titles(document)
    if authentic and "en" not in authentic:
        originals = [by_language[code] for code in authentic if code in by_language]
        if originals:
            item["original-title"] = " / ".join(originals)
    parties = [{"literal": country.name} for country in document.parties.all()]
    if parties:
        item["author"] = parties
    item["issued"] = date_parts(document.date)
    item["URL"] = settings.SITE_URL + document.get_absolute_url()
    item["source"] = settings.SITE_NAME
    if authentic:
        item["language"] = authentic[0]
    item["accessed"] = date_parts(today)
    return item


def article_item(article, today=None):
    """One article as its document's treaty item with the article as `section`."""
    item = document_item(article.document, today)
    item["id"] = f"{item['id']}.{article.slug}"
    item["section"] = article.label
    item["URL"] = settings.SITE_URL + article.get_absolute_url()
    return item


def full_title(item):
    """RIS and BibTeX have no section: an article's label follows the title."""
    section = item.get("section")
    return f"{item['title']}, {section}" if section else item["title"]


def parts_of(item, key):
    value = item.get(key)
    return value["date-parts"][0] if value else []


def ris(item):
    lines = [("TY", RIS_TYPES.get(item["type"], "GEN"))]
    lines += [("AU", author["literal"]) for author in item.get("author", [])]
    lines.append(("TI", full_title(item)))
    if item.get("container-title"):
        lines.append(("T2", item["container-title"]))
    if item.get("publisher"):
        lines.append(("PB", item["publisher"]))
    issued = parts_of(item, "issued")
    if issued:
        lines.append(("PY", str(issued[0])))
        lines.append(("DA", "/".join(f"{part:02d}" for part in issued)))
    if item.get("URL"):
        lines.append(("UR", item["URL"]))
    accessed = parts_of(item, "accessed")
    if accessed:
        lines.append(("Y2", "/".join(f"{part:02d}" for part in accessed)))
    if item.get("language"):
        lines.append(("LA", item["language"]))
    if item.get("note"):
        lines.append(("N1", item["note"]))
    if item.get("original-title"):
        lines.append(("N1", f"Original title: {item['original-title']}"))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex_escape(text):
    return "".join(BIBTEX_SPECIAL.get(char, char) for char in text)


def bibtex(item):
    entry_type = BIBTEX_TYPES.get(item["type"], "misc")
    # Values in braces; names and titles in double braces, so that BibTeX neither
    # splits a body's name into given and family names nor changes a title's case.
    fields = []
    # Each name braced on its own, so that "and" still separates two parties.
    authors = " and ".join(
        braced(author["literal"]) for author in item.get("author", [])
    )
    if authors:
        fields.append(("author", "{" + authors + "}"))
    fields.append(("title", "{{" + bibtex_escape(full_title(item)) + "}}"))
    if item.get("original-title"):
        original = bibtex_escape(item["original-title"])
        fields.append(("origtitle", "{{" + original + "}}"))
    if item.get("container-title"):
        key = "journal" if entry_type == "article" else "howpublished"
        fields.append((key, braced(item["container-title"])))
    if item.get("publisher"):
        fields.append(("publisher", braced(item["publisher"])))
    issued = parts_of(item, "issued")
    if issued:
        fields.append(("year", braced(str(issued[0]))))
        if len(issued) > 1:
            fields.append(("month", MONTHS[issued[1] - 1][:3].lower()))
        if len(issued) > 2:
            fields.append(("date", braced("-".join(f"{p:02d}" for p in issued))))
    if item.get("URL"):
        fields.append(("url", "{" + item["URL"] + "}"))
    accessed = parts_of(item, "accessed")
    if accessed:
        fields.append(("urldate", braced("-".join(f"{p:02d}" for p in accessed))))
    if item.get("language"):
        fields.append(("language", braced(item["language"])))
    if item.get("note"):
        fields.append(("note", braced(item["note"])))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{entry_type}{{{item['id']},\n{body}\n}}\n"


def braced(value):
    return "{" + bibtex_escape(value) + "}"


# "Cite this page": each style is a list of (text, italic) runs, so that the page can
# show italics and the copy box plain text from the same data. They are the English
# styles on every page (their words, punctuation and dates); only what the page itself
# shows in its language (its title, the site's name, its address) follows the page.


def closed(title):
    """The title followed by a period, unless it ends in its own punctuation."""
    return title if title.endswith((".", "?", "!")) else f"{title}."


def us_date(parts):
    year, month, day = parts
    return f"{MONTHS[month - 1]} {day}, {year}"


def chicago(item):
    """Chicago 17th ed., bibliography, website content authored by its owner."""
    runs = [
        (f"“{closed(item['title'])}” ", False),
        (f"{item['container-title']}. ", False),
    ]
    issued = parts_of(item, "issued")
    if issued:
        runs.append((f"Last modified {us_date(issued)}. ", False))
    else:
        runs.append((f"Accessed {us_date(parts_of(item, 'accessed'))}. ", False))
    runs.append((f"{item['URL']}.", False))
    return runs


def apa(item):
    """APA 7th ed., webpage whose author is the site (so the site is not repeated)."""
    author = item["author"][0]["literal"]
    issued = parts_of(item, "issued")
    if issued:
        year, month, day = issued
        date = f"({year}, {MONTHS[month - 1]} {day})"
    else:
        date = "(n.d.)"
    separator = " " if author.endswith(".") else ". "
    title = item["title"]
    ending = " " if title.endswith(("?", "!")) else ". "
    return [
        (f"{author}{separator}{date}. ", False),
        (title.removesuffix("."), True),
        (f"{ending}{item['URL']}", False),
    ]


def mla_date(parts):
    year, month, day = parts
    return f"{day} {MLA_MONTHS[month - 1]} {year}"


def mla(item):
    """MLA 9th ed.: a work by an organisation that also publishes it starts with its
    title; the URL without its scheme."""
    url = item["URL"].removeprefix("https://").removeprefix("http://")
    issued = parts_of(item, "issued")
    date = f", {mla_date(issued)}" if issued else ""
    return [
        (f"“{closed(item['title'])}” ", False),
        (item["container-title"], True),
        (f"{date}, {url}. Accessed {mla_date(parts_of(item, 'accessed'))}.", False),
    ]


STYLES = {"chicago": ("Chicago", chicago), "apa": ("APA", apa), "mla": ("MLA", mla)}


def plain(runs):
    return "".join(text for text, _italic in runs)


def html(runs):
    return mark_safe(
        "".join(
            f"<i>{escape(text)}</i>" if italic else escape(text)
            for text, italic in runs
        )
    )


def styled(item):
    """[(key, label, html, plain text)] for each style."""
    return [
        (key, label, html(runs := formatter(item)), plain(runs))
        for key, (label, formatter) in STYLES.items()
    ]
