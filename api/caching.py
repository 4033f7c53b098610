"""Open data responses: cached under the site's content version, with an ETag from
it, and readable from any origin."""

from functools import wraps
from hashlib import md5

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag

from dispute_site.cache import (
    CACHED_PARAMETERS,
    content_version,
    next_scheduled_publication,
    seconds_until_next_scheduled_item,
)

# The API's own parameters, all with few values (choices, slugs, numbers).
API_PARAMETERS = {"page_size", "topic", "speaker", "event", "language", "is_quotation"}
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, If-None-Match",
    "Access-Control-Expose-Headers": "ETag, Content-Disposition",
}


def version_stamp(version):
    # A scheduled item going public changes what is shown without a new version.
    scheduled = next_scheduled_publication(version)
    return f"{version}.{int(scheduled.timestamp()) if scheduled else 0}"


def etag_for(request, stamp):
    path = md5(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    return quote_etag(f"{stamp}.{path[:16]}")


def open_data(view):
    """Wrap an API view: 304 for a current ETag, whole responses cached, CORS."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return with_headers(view(request, *args, **kwargs))
        version = content_version()
        stamp = version_stamp(version)
        etag = etag_for(request, stamp)
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            return with_headers(not_modified, etag)
        cacheable = (
            settings.CACHE_MIDDLEWARE_SECONDS > 0
            and set(request.GET) <= CACHED_PARAMETERS | API_PARAMETERS
        )
        key = f"api:{stamp}:{request.get_full_path()}"
        response = cache.get(key) if cacheable else None
        if response is not None:
            return with_headers(response, etag)
        response = with_headers(view(request, *args, **kwargs), etag)
        if cacheable and response.status_code == 200 and not response.streaming:
            timeout = settings.CACHE_MIDDLEWARE_SECONDS
            wait = seconds_until_next_scheduled_item(version)
            if wait is not None:
                timeout = min(timeout, wait)
            if hasattr(response, "render") and not response.is_rendered:
                response.add_post_render_callback(lambda r: cache.set(key, r, timeout))
            else:
                cache.set(key, response, timeout)
        return response

    return wrapper


def with_headers(response, etag=None):
    for header, value in CORS_HEADERS.items():
        response[header] = value
    if etag and response.status_code in (200, 304):
        response["ETag"] = etag
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=settings.CACHE_MIDDLEWARE_SECONDS
        )
    return response
