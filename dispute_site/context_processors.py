from django.conf import settings
from django.utils.encoding import iri_to_uri


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        # The path alone: filters, pages and tracking parameters are variants of it.
        "canonical_url": settings.SITE_URL + iri_to_uri(request.path),
    }
