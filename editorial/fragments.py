"""Rendered parts of readers' pages, kept per content version and language.

A page's costly parts (its lists, the visual timeline, the map, the positions) are
rendered once per content version, language and whatever else they depend on, and
kept in the cache; the page around them (its head, header, language links, anything
that depends on who asks) is rendered on every request. Keyed on the shared content
version (editorial.pagecache), a kept part is never stale: an edit from any process
moves every key on at once. Only anonymous readers get kept parts, so an editor sees
what is rendered for them, and a part that depends on free text (a search) is never
kept: its key is None.

In a template: {% load fragments %}{% fragment "name" part ... %}…{% endfragment %}.
A view whose context is costly to build asks `is_kept(request, key)` first, or passes
its context lazily (SimpleLazyObject), so that a kept part costs no queries.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from .pagecache import is_reader, request_content_version


def fragment_key(request, name, *parts):
    """The cache key of a part of this page, or None when it is rendered afresh."""
    if (
        settings.FRAGMENT_CACHE_SECONDS <= 0
        or request is None
        or request.method not in ("GET", "HEAD")
        or not is_reader(request)
        or any(part is None for part in parts)
    ):
        return None
    language = translation.get_language() or settings.LANGUAGE_CODE
    version = request_content_version(request)
    # The day too: citations say when the page was read ("accessed").
    today = timezone.localdate()
    described = "|".join(str(part) for part in (version, language, today, name, *parts))
    return "fragment:" + hashlib.sha256(described.encode()).hexdigest()[:40]


def kept_fragment(request, key):
    """The kept rendering under key (looked up once per request), or None."""
    if key is None:
        return None
    seen = request.__dict__.setdefault("_kept_fragments", {})
    if key not in seen:
        seen[key] = cache.get(key)
    return seen[key]


def is_kept(request, *keys):
    """Whether every one of the page's parts is kept (a part may have been culled)."""
    return all(kept_fragment(request, key) is not None for key in keys)


def keep_fragment(request, key, html):
    if key is not None:
        cache.set(key, html, settings.FRAGMENT_CACHE_SECONDS)
        request.__dict__.setdefault("_kept_fragments", {})[key] = html


class KeptObjectMixin:
    """A detail view's object, kept like its page's fragments: a reader's request for
    a page whose content is kept needs neither the object's query nor its building.
    Only a found object is kept (a 404 is looked up again); editors look it up."""

    def get_object(self, queryset=None):
        key = None
        if queryset is None:
            address = sorted(self.kwargs.items())
            key = fragment_key(
                self.request, f"object:{type(self).__qualname__}", address
            )
        obj = kept_fragment(self.request, key)
        if obj is None:
            obj = super().get_object(queryset)
            keep_fragment(self.request, key, obj)
        return obj
