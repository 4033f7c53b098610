"""Site-wide request rules that belong to no one view."""

from dataclasses import replace

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponseNotAllowed

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
