"""The public bibliography: the sources that published events and statements cite."""

from django.db.models import Prefetch

from positions.models import Statement
from positions.sources import cited_sources
from timeline.models import Event

__all__ = ["bibliography", "cited_sources"]


def bibliography():
    """Cited sources with the published events and statements that cite them."""
    return cited_sources().prefetch_related(
        Prefetch(
            "events",
            Event.objects.published().chronological().distinct(),
            to_attr="citing_events",
        ),
        Prefetch(
            "statements",
            Statement.objects.published().for_display(),
            to_attr="citing_statements",
        ),
    )
