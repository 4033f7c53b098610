"""The history of content, kept by django-simple-history: reading it and adding to it.

simple-history records a version on every ORM save and delete. What it does not do, and
this module does: record content that loaddata saved raw (fixtures), keep a version's
many-to-many links with versions written outside its signals, and put an object's
child rows (citations, statements) back as they were at a given version.
"""

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps as global_apps
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from simple_history.utils import get_history_manager_for_model

# How long after a batch-recorded parent its children may have been recorded by the
# same run of record_missing_history (before parent and children shared one moment).
BATCH_WINDOW = timedelta(minutes=1)


def is_tracked(model):
    return hasattr(model._meta, "simple_history_manager_attribute")


def history_of(model):
    return get_history_manager_for_model(model)


def latest_version(model, pk):
    """The newest history record of one object (its deletion included), or None."""
    return (
        history_of(model)
        .filter(**{model._meta.pk.attname: pk})
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first()
    )


def describe_user(user):
    if user is None:
        return "someone outside the admin (a script or the shell)"
    return user.get_full_name() or user.get_username()


def m2m_fields(model):
    return list(history_of(model).model._history_m2m_fields)


def m2m_ids(record, field):
    """The ids a many-to-many field held in one history record."""
    return set(
        getattr(record, field.name).values_list(
            field.m2m_reverse_field_name(), flat=True
        )
    )


def _current_m2m(model, field, pks):
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    links = defaultdict(list)
    for row in through.objects.filter(**{f"{source}__in": pks}):
        links[getattr(row, f"{source}_id")].append(row)
    return links, target


def snapshot_m2m(records_and_objects):
    """Store each object's current many-to-many links with its history record."""
    pairs = list(records_and_objects)
    if not pairs:
        return
    model = type(pairs[0][1])
    for field in m2m_fields(model):
        m2m_history = getattr(history_of(model).model, field.name).model
        through_fields = field.remote_field.through._meta.concrete_fields
        links, _ = _current_m2m(model, field, [obj.pk for _, obj in pairs])
        m2m_history.objects.bulk_create(
            m2m_history(
                history=record,
                **{f.attname: getattr(row, f.attname) for f in through_fields},
            )
            for record, obj in pairs
            for row in links[obj.pk]
        )


def record_versions(objs, *, created, user=None, reason="", when=None):
    """Write one history record per object, as it is now, links included."""
    objs = list(objs)
    if not objs:
        return []
    records = history_of(type(objs[0])).bulk_history_create(
        objs,
        update=not created,
        default_user=user,
        default_change_reason=reason,
        default_date=when,
    )
    if records is None:  # SIMPLE_HISTORY_ENABLED is off
        return []
    snapshot_m2m(zip(records, objs, strict=True))
    return records


def _differs(model, record, obj, recorded_links, current_links):
    fields = history_of(model).model.tracked_fields
    if any(getattr(record, f.attname) != getattr(obj, f.attname) for f in fields):
        return True
    return any(
        recorded_links[name].get(record.pk, set()) != current_links[name][obj.pk]
        for name in current_links
    )


def record_missing_history(models, reason):
    """Record every object whose current state is not its latest history record.

    loaddata saves raw, and simple-history skips raw saves: without this, content
    loaded from fixtures (first setup or a deliberate reset) would have no version
    to read or revert to. Every record written shares one moment, so a parent's
    version and its children's (an event and its citations) are read together.
    Returns the number of records written.
    """
    written = 0
    when = timezone.now()
    for model in models:
        history = history_of(model)
        pk_name = model._meta.pk.attname
        latest = {getattr(r, pk_name): r for r in history.latest_of_each()}
        objects = list(model._base_manager.all())
        pks = [obj.pk for obj in objects]
        recorded_links, current_links = {}, {}
        for field in m2m_fields(model):
            m2m_history = getattr(history.model, field.name).model
            target = field.m2m_reverse_field_name()
            by_record = defaultdict(set)
            for history_id, target_id in m2m_history.objects.filter(
                history__in=[r.pk for r in latest.values()]
            ).values_list("history_id", target):
                by_record[history_id].add(target_id)
            recorded_links[field.name] = by_record
            links, _ = _current_m2m(model, field, pks)
            current_links[field.name] = defaultdict(
                set,
                {
                    pk: {getattr(row, f"{target}_id") for row in rows}
                    for pk, rows in links.items()
                },
            )
        new, changed = [], []
        for obj in objects:
            record = latest.get(obj.pk)
            if record is None or record.history_type == "-":
                new.append(obj)
            elif _differs(model, record, obj, recorded_links, current_links):
                changed.append(obj)
        written += len(record_versions(new, created=True, reason=reason, when=when))
        written += len(
            record_versions(changed, created=False, reason=reason, when=when)
        )
    return written


def child_keys(model_list=None):
    """(child model, key to its parent) for every tracked model whose rows belong to
    a tracked parent and are deleted with it (CASCADE): an event's citations."""
    model_list = global_apps.get_models() if model_list is None else model_list
    return [
        (model, field)
        for model in model_list
        if is_tracked(model)
        for field in model._meta.concrete_fields
        if field.many_to_one
        and field.remote_field.on_delete is models.CASCADE
        and is_tracked(field.related_model)
    ]


def align_batch_children(parent_history, child_history, fk_attname, parent_pk="id"):
    """Move children's records written by one batch back to their parent's moment.

    Before parent and children shared a moment, record_missing_history wrote a
    parent's record some milliseconds before its children's, so the parent's version
    seemed to have no children and reverting to it deleted them. A batch record has
    no user; its children's are the first records with no user and the same reason
    written just after it (within BATCH_WINDOW, before the parent's next record).
    Works on migration-state models too. Returns the number of records moved.
    """
    moved = 0
    batches = parent_history.objects.filter(history_user__isnull=True).exclude(
        history_type="-"
    )
    for parent in batches.iterator():
        pk = getattr(parent, parent_pk)
        later = (
            parent_history.objects.filter(
                **{parent_pk: pk, "history_date__gt": parent.history_date}
            )
            .order_by("history_date")
            .values_list("history_date", flat=True)
            .first()
        )
        until = parent.history_date + BATCH_WINDOW
        if later is not None:
            until = min(until, later)
        first_of_each = {}
        for child in (
            child_history.objects.filter(
                **{
                    fk_attname: pk,
                    "history_user__isnull": True,
                    "history_change_reason": parent.history_change_reason,
                    "history_date__gt": parent.history_date,
                    "history_date__lt": until,
                }
            )
            .order_by("history_date", "history_id")
            .values_list("history_id", "id")
        ):
            first_of_each.setdefault(child[1], child[0])
        if first_of_each:
            moved += child_history.objects.filter(
                history_id__in=first_of_each.values()
            ).update(history_date=parent.history_date)
    return moved


def repair_batch_histories(model_list=None):
    """align_batch_children for every parent and child kind the site keeps."""
    return sum(
        align_batch_children(
            history_of(fk.related_model).model,
            history_of(child_model).model,
            fk.attname,
            fk.related_model._meta.pk.attname,
        )
        for child_model, fk in child_keys(model_list)
    )


def children_as_of(child_model, fk, parent_pk, when):
    """The child rows (e.g. an event's citations) as they were at a moment."""
    return list(history_of(child_model).as_of(when).filter(**{fk.attname: parent_pk}))


@dataclass
class ChildChanges:
    """What putting a version's children back does to today's children."""

    name: str  # the children's verbose name, plural
    # In the version, not now: put back.
    added: list = dataclasses.field(default_factory=list)
    # In both but different: (child as it was, [(field name, now, then)]).
    changed: list = dataclasses.field(default_factory=list)
    # Now, not in the version: deleted by reverting.
    removed: list = dataclasses.field(default_factory=list)
    unchanged: int = 0

    @property
    def has_changes(self):
        return bool(self.added or self.changed or self.removed)


def child_changes(child_model, fk, parent_pk, when):
    """Compare a parent's children at `when` with its children now."""
    snapshot = {c.pk: c for c in children_as_of(child_model, fk, parent_pk, when)}
    current = {
        c.pk: c for c in child_model._base_manager.filter(**{fk.name: parent_pk})
    }
    fields = [
        f
        for f in history_of(child_model).model.tracked_fields
        if f.attname not in {fk.attname, child_model._meta.pk.attname}
    ]
    result = ChildChanges(name=str(child_model._meta.verbose_name_plural))
    for pk, then in snapshot.items():
        now = current.get(pk)
        if now is None:
            result.added.append(then)
            continue
        differences = [
            (f.verbose_name, _shown(now, f), _shown(then, f))
            for f in fields
            if getattr(now, f.attname) != getattr(then, f.attname)
        ]
        if differences:
            result.changed.append((then, differences))
        else:
            result.unchanged += 1
    result.removed = [c for pk, c in current.items() if pk not in snapshot]
    return result


def _shown(obj, field):
    if field.is_relation:
        related = field.remote_field.model._base_manager.filter(
            pk=getattr(obj, field.attname)
        ).first()
        return str(related) if related is not None else "—"
    value = getattr(obj, field.attname)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return "—" if value in (None, "") else str(value)


def restore_children(child_model, fk, parent, when):
    """Make a parent's child rows what they were at `when`.

    Returns the children that could not be put back (their source was deleted since,
    or they now clash with a sibling), so the editor can be told.
    """
    snapshot = children_as_of(child_model, fk, parent.pk, when)
    keep = {child.pk for child in snapshot}
    for child in child_model._base_manager.filter(**{fk.name: parent.pk}).exclude(
        pk__in=keep
    ):
        child.delete()
    skipped = []
    for child in snapshot:
        child._state.adding = False
        if _has_missing_target(child):
            skipped.append(child)
            continue
        try:
            with transaction.atomic():
                child.save()
        except IntegrityError:
            skipped.append(child)
    return skipped


def _has_missing_target(obj):
    # Foreign keys are checked at commit on PostgreSQL: check them now instead.
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if field.is_relation and value is not None:
            related = field.remote_field.model._base_manager
            if not related.filter(pk=value).exists():
                return True
    return False
