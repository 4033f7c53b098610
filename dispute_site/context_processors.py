from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext, gettext_noop

from editorial.pagecache import canonical_query

# settings.SITE_NAME, in each language's catalog.
gettext_noop("Northern Territories / Southern Kurils: the dispute")

# Open Graph's locale of each language.
OG_LOCALES = {"en": "en_GB", "ja": "ja_JP", "ru": "ru_RU"}


def language_links(request):
    """The page in each language: its address, and with the page's query (the
    switcher's link; tracking parameters left out, as the page cache leaves them)."""
    query = canonical_query(request)
    current = translation.get_language()
    prefix = f"/{current}/"
    links = []
    for code, name in settings.LANGUAGES:
        if request.path.startswith(prefix):
            # The addresses are the same in every language but for their prefix
            # (i18n_patterns, untranslated paths): no resolving needed.
            path = iri_to_uri(f"/{code}/{request.path[len(prefix) :]}")
        else:
            path = iri_to_uri(translate_url(request.path, code))
        links.append(
            {
                "code": code,
                "name": name,
                "path": path,
                "url": f"{path}?{query}" if query else path,
            }
        )
    return links


def site(request):
    language = translation.get_language() or settings.LANGUAGE_CODE
    links = language_links(request)
    return {
        "SITE_NAME": gettext(settings.SITE_NAME),
        "SITE_URL": settings.SITE_URL,
        # The path alone: filters, pages and tracking parameters are variants of it.
        "canonical_url": settings.SITE_URL + iri_to_uri(request.path),
        # The switcher (every language but this one's) and the hreflang alternates.
        # A view may narrow page_languages to the languages its content has.
        "language_links": links,
        "page_languages": [code for code, _name in settings.LANGUAGES],
        "og_locale": OG_LOCALES.get(language, language),
        "og_locale_alternates": [
            OG_LOCALES[code] for code, _name in settings.LANGUAGES if code != language
        ],
    }
