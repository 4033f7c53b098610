"""The public bibliography: the sources that published events and statements cite.

It lives here rather than in timeline because statements belong to positions, and
timeline never depends on positions.
"""

from django.db.models import Exists, OuterRef, Prefetch

from positions.models import Statement
from timeline.models import Citation, Event, Source


def cited_sources():
    """Sources cited by published content, so that a draft's sources stay unseen."""
    return Source.objects.filter(
        Exists(
            Citation.objects.filter(
                source=OuterRef("pk"), event__in=Event.objects.published()
            )
        )
        | Exists(Statement.objects.published().filter(source=OuterRef("pk")))
    )


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
