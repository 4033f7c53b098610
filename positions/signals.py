"""Receivers of the positions app, connected once from PositionsConfig.ready()."""

from editorial.history import history_of
from editorial.signals import content_restored
from timeline.models import Event

from .models import Statement


def relink_statements(sender, instance, record, **kwargs):
    """A restored event gets back the statements that pointed at it when it was
    deleted (the deletion set their event to empty without a history record)."""
    deletion = (
        history_of(Event)
        .filter(id=instance.pk, history_type="-")
        .order_by("-history_date")
        .first()
    )
    if deletion is None:
        return None
    statements = history_of(Statement)
    relinked = []
    candidates = statements.filter(
        event_id=instance.pk, history_date__lte=deletion.history_date
    ).values_list("id", flat=True)
    for statement in Statement.objects.filter(
        pk__in=candidates, event__isnull=True
    ).select_related("position__country", "speaker"):
        last = (
            statements.filter(id=statement.pk, history_date__lte=deletion.history_date)
            .order_by("-history_date", "-history_id")
            .first()
        )
        if last is not None and last.event_id == instance.pk:
            statement.event = instance
            statement._change_reason = (
                f"Linked again to the restored event “{instance}”"
            )
            statement.save()
            relinked.append(statement)
    if not relinked:
        return None
    return f"Linked {len(relinked)} statement(s) to “{instance}” again: " + "; ".join(
        str(s) for s in relinked
    )


def connect():
    content_restored.connect(
        relink_statements, sender=Event, dispatch_uid="positions-relink-statements"
    )
