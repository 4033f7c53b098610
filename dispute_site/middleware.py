"""Site-wide request rules that belong to no one view."""

from dataclasses import replace

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.http import HttpResponseNotAllowed, HttpResponsePermanentRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import get_script_prefix, is_valid_path
from django.utils import translation
from django.utils.cache import patch_vary_headers

# TRACE echoes a request back (cross-site tracing); nothing on the site needs it, nor
# CONNECT or TRACK. Views answer OPTIONS and the methods they handle themselves.
REFUSED_METHODS = frozenset({"TRACE", "TRACK", "CONNECT"})


class RefuseTraceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in REFUSED_METHODS:
            return HttpResponseNotAllowed(["GET", "HEAD", "POST", "OPTIONS"])
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Permissions-Policy (settings.PERMISSIONS_POLICY) on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault(
                "Permissions-Policy", settings.PERMISSIONS_POLICY
            )
        return response


def client_ip(request):
    """The reader's address: REMOTE_ADDR, or behind proxies the address the
    outermost of DJANGO_PROXY_COUNT trusted proxies saw (their X-Forwarded-For).
    Login throttling counts failures per address with it."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.BEHIND_PROXY:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) >= settings.PROXY_COUNT > 0:
        return forwarded[-settings.PROXY_COUNT]
    return forwarded[0] if forwarded else remote


class SiteCSPMiddleware(CSPMiddleware):
    """The site's Content-Security-Policy everywhere, the admin included.

    The admin's pages need one thing more, and only that: the style attributes their
    templates write (settings.ADMIN_CSP_ADDITIONS, by hash), never inline scripts.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not request.path_info.startswith("/admin/"):
            return parts
        update = {**(parts.update or {})}
        for directive, sources in settings.ADMIN_CSP_ADDITIONS.items():
            update[directive] = [*update.get(directive, []), *sources]
        return replace(parts, update=update)


class SiteLocaleMiddleware(LocaleMiddleware):
    """The language is the address's prefix, and nothing else.

    A page under /en/, /ja/ or /ru/ is the same for every reader, so it never varies
    on Accept-Language. An old unprefixed address of a page (and /) moves for good to
    the reader's language (Accept-Language, else English), path and query kept; only
    that redirect varies on Accept-Language. The unprefixed machine addresses (the
    admin, the API, the sitemap, robots.txt, the health check) stay in English.
    """

    response_redirect_class = HttpResponsePermanentRedirect

    def process_request(self, request):
        language = translation.get_language_from_path(request.path_info)
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        language = translation.get_language()
        if response.status_code == 404 and not translation.get_language_from_path(
            request.path_info
        ):
            redirect = self.redirect_to_prefix(request)
            if redirect is not None:
                return redirect
        response.headers.setdefault("Content-Language", language)
        return response

    def redirect_to_prefix(self, request):
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        if not is_language_prefix_patterns_used(urlconf)[0]:
            return None
        language = translation.get_language_from_request(request)
        language_path = f"/{language}{request.path_info}"
        # The prefix pattern matches the active language's prefix only.
        with translation.override(language):
            path_valid = is_valid_path(language_path, urlconf)
            needs_slash = not path_valid and (
                settings.APPEND_SLASH
                and not language_path.endswith("/")
                and is_valid_path(f"{language_path}/", urlconf)
            )
        if not (path_valid or needs_slash):
            return None
        script_prefix = get_script_prefix()
        url = request.get_full_path(force_append_slash=needs_slash).replace(
            script_prefix, f"{script_prefix}{language}/", 1
        )
        redirect = self.response_redirect_class(url)
        patch_vary_headers(redirect, ("Accept-Language", "Cookie"))
        return redirect
