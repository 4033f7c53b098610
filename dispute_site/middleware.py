"""Site-wide request rules that belong to no one view."""

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
