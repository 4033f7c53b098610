"""What every content admin shares: no lost edits, one history record per save,
revert with related rows, recovery of deleted objects and Markdown help.

Use it for a model with one line: subclass ContentAdmin (and ContentInline for the
inlines) instead of SimpleHistoryAdmin / TabularInline.
"""

import json
from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from simple_history.admin import SimpleHistoryAdmin

from .admin_input import OddInputAdminMixin
from .conflicts import VERSION_FIELD, VersionCheckedForm, format_moment
from .diffs import ReadableDiffHelper
from .history import (
    child_changes,
    describe_user,
    history_of,
    is_tracked,
    latest_version,
    record_versions,
    restore_children,
)
from .models import MarkdownBody, Publishable, Status, public_q
from .roles import may_publish
from .signals import content_restored
from .timezones import time_zone_label
from .translation import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    OTHER_LANGUAGES,
    is_translated,
    languages_of,
    to_attribute,
    translated_field_names,
)


@dataclass
class AdminSave:
    """What save_model knows about an admin save, for the hooks Django calls after
    the inlines and links are saved (log_addition/log_change, response_change)."""

    restoring: bool  # the object had been deleted: this save brings it back
    reverted_from: object = None  # the history record a revert/restore started from
    is_recorded: bool = False


def parent_key(child_model, parent_model, fk_name=None):
    """The foreign key from an inline's model to its parent's."""
    for field in child_model._meta.get_fields():
        if (
            field.many_to_one
            and field.related_model is parent_model
            and fk_name in (None, field.name)
        ):
            return field
    raise ValueError(f"{child_model.__name__} has no key to {parent_model.__name__}")


class PublicationFilter(admin.SimpleListFilter):
    title = "publication"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("review", "In review"),
            ("scheduled", "Scheduled"),
            ("published", "Published (public now)"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "draft":
            return queryset.drafts()
        if self.value() == "review":
            return queryset.in_review()
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "published":
            return queryset.published()
        return queryset


def publication_refusal(item):
    """Why `item` may not be published as it is, one sentence, or ""."""
    problems = item.publication_problems()
    if not problems:
        return ""
    return f"“{item}” was not published: " + " ".join(problems)


ONLY_REVIEWERS = (
    "Only reviewers publish on this site (EDITORS_MAY_PUBLISH is off): set the "
    "status to “In review” to send it to them."
)


@admin.action(description="Publish selected items now", permissions=["change"])
def publish(modeladmin, request, queryset):
    if not may_publish(request.user):
        modeladmin.message_user(request, ONLY_REVIEWERS, messages.ERROR)
        return
    now = timezone.now()
    count = 0
    # save() rather than update(), so the change is kept in each item's history.
    for item in queryset.not_public():
        was_in_review = item.is_in_review
        item.status = Status.PUBLISHED
        refusal = publication_refusal(item)
        if refusal:
            modeladmin.message_user(request, refusal, messages.ERROR)
            continue
        item.published_at = now
        if was_in_review:
            item._change_reason = Truncator(
                f"Reviewed and published by {describe_user(request.user)}"
            ).chars(100)
        item.save()
        count += 1
    modeladmin.message_user(request, f"Published {count} item(s).", messages.SUCCESS)


@admin.action(
    description="Unpublish selected items (back to draft)", permissions=["change"]
)
def unpublish(modeladmin, request, queryset):
    count = 0
    for item in queryset.filter(status=Status.PUBLISHED):
        item.status = Status.DRAFT
        item.save()
        count += 1
    modeladmin.message_user(
        request, f"Returned {count} item(s) to draft.", messages.SUCCESS
    )


@admin.action(description="Send selected drafts for review", permissions=["change"])
def send_for_review(modeladmin, request, queryset):
    count = 0
    for item in queryset.filter(status=Status.DRAFT):
        item.status = Status.IN_REVIEW
        item._change_reason = "Sent for review"
        item.save()
        count += 1
    modeladmin.message_user(
        request,
        f"Sent {count} item(s) for review: a reviewer publishes them or sends them "
        "back. Readers do not see them meanwhile.",
        messages.SUCCESS,
    )


@admin.action(
    description="Send selected items in review back, with a comment",
    permissions=["change"],
)
def send_back(modeladmin, request, queryset):
    if not may_publish(request.user):
        modeladmin.message_user(
            request, "Only reviewers send items back on this site.", messages.ERROR
        )
        return None
    items = list(queryset.in_review())
    comment = " ".join(request.POST.get("comment", "").split())
    if request.POST.get("post") == "yes" and comment:
        for item in items:
            item.status = Status.DRAFT
            item._change_reason = Truncator(
                f"Sent back by {describe_user(request.user)}: {comment}"
            ).chars(100)
            item.save()
        modeladmin.message_user(
            request,
            f"Sent {len(items)} item(s) back to draft with your comment.",
            messages.SUCCESS,
        )
        return None
    if not items:
        modeladmin.message_user(request, "None of them is in review.", messages.INFO)
        return None
    opts = modeladmin.model._meta
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Send back with a comment",
        "opts": opts,
        "items": items,
        "comment_missing": request.POST.get("post") == "yes",
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/content/send_back.html", context)


class EditingFormMixin:
    """The parts ContentAdmin and ContentInline share."""

    form = VersionCheckedForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = self.language_fieldsets(super().get_fieldsets(request, obj), obj)
        fields = admin.utils.flatten_fieldsets(fieldsets)
        if VERSION_FIELD in fields or not self.has_change_permission(request, obj):
            return fieldsets
        name, options = fieldsets[0]
        first = (name, {**options, "fields": [*options["fields"], VERSION_FIELD]})
        return [first, *fieldsets[1:]]

    def language_fieldsets(self, fieldsets, obj):
        """A translated field is declared once by its name ("title"): its English
        column stays where it is declared, and each other language's columns are shown
        together in a fieldset of their own that names what is not yet translated.
        A tabular inline shows the three columns side by side instead."""
        names = translated_field_names(self.model)
        if not names:
            return fieldsets
        tabular = isinstance(self, admin.TabularInline)
        if isinstance(self, admin.options.InlineModelAdmin):
            obj = None  # an inline is given its parent, not its own rows
        declared = []

        def columns(item):
            if item not in names:
                return [item]
            declared.append(item)
            if tabular:
                return [to_attribute(item, language) for language in LANGUAGES]
            return [to_attribute(item, DEFAULT_LANGUAGE)]

        result = []
        for title, options in fieldsets:
            fields = []
            for item in options["fields"]:
                if isinstance(item, (list, tuple)):
                    fields.append(tuple(column for i in item for column in columns(i)))
                else:
                    fields.extend(columns(item))
            result.append((title, {**options, "fields": fields}))
        if tabular or not declared:
            return result
        language_names = dict(settings.LANGUAGES)
        for language in OTHER_LANGUAGES:
            missing = [
                name
                for name in declared
                if obj is not None
                and getattr(obj, to_attribute(name, DEFAULT_LANGUAGE))
                and not is_translated(obj, name, language)
            ]
            if obj is None:
                description = (
                    "Leave empty what is not yet translated: readers then see the "
                    "English, marked as such."
                )
            elif missing:
                description = "Not yet translated: " + ", ".join(missing) + "."
            else:
                description = "Complete."
            result.append(
                (
                    f"{language_names[language]} ({language})",
                    {
                        "fields": [to_attribute(name, language) for name in declared],
                        "description": description,
                        "classes": ["translation", f"translation-{language}"]
                        + (["translation-missing"] if missing else []),
                    },
                )
            )
        return result

    @admin.display(description="translations")
    def translations(self, obj):
        """ja ✓ ru – : which other languages have every text of this object."""
        complete = languages_of(obj, translated_field_names(type(obj)))
        return " ".join(
            f"{language} {'✓' if language in complete else '–'}"
            for language in OTHER_LANGUAGES
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if (
            formfield is not None
            and db_field.name.startswith("body_")
            and issubclass(db_field.model, MarkdownBody)
        ):
            formfield.help_text = render_to_string("admin/content/markdown_help.html")
        if formfield is not None and isinstance(db_field, models.DateTimeField):
            formfield.help_text = " ".join(
                part for part in (str(formfield.help_text), time_zone_label()) if part
            )
        return formfield


class PublicationRulesFormSet(BaseInlineFormSet):
    """Count the rows this save leaves and ask the parent whether, published, it may
    have that many (a published event cites at least one source)."""

    def clean(self):
        super().clean()
        parent = self.instance
        if getattr(parent, "status", None) != Status.PUBLISHED:
            return
        if any(form.errors for form in self.forms):
            return
        count = sum(
            1
            for form in self.forms
            if form.has_changed() or form.instance.pk is not None
            if not self._should_delete_form(form)
        )
        problem = parent.children_problem(
            self.fk.remote_field.get_accessor_name(), count
        )
        if problem:
            raise ValidationError(problem, code="publication_rule")


class ContentInline(EditingFormMixin, admin.TabularInline):
    """A tabular inline whose rows are also refused when changed meanwhile."""

    formset = PublicationRulesFormSet


class ContentStackedInline(EditingFormMixin, admin.StackedInline):
    """The stacked twin of ContentInline."""

    formset = PublicationRulesFormSet


class RevisionAdminMixin:
    """History kept per admin save, revert and restore with child rows, and a list of
    deleted objects to recover. Needs SimpleHistoryAdmin below it."""

    change_list_template = "admin/content/change_list.html"
    object_history_form_template = "admin/content/history_form.html"
    deleted_template = "admin/content/deleted_list.html"

    # Saving: one history record per admin save, written after the related rows
    # (links, inlines) are saved, so the record shows the object as it now is.

    def save_model(self, request, obj, form, change):
        obj.admin_save = AdminSave(
            restoring=change and not type(obj)._base_manager.filter(pk=obj.pk).exists(),
            # simple-history's revert page opens the form on this record.
            reverted_from=getattr(obj, "_history", None),
        )
        # simple-history's own flag: the record is written in log_addition/change.
        obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)
        if obj.admin_save.reverted_from is not None:
            self.restore_inlines(request, obj, obj.admin_save.reverted_from)

    def log_addition(self, request, obj, message):
        self.record_admin_version(request, obj, message, created=True)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        save = getattr(obj, "admin_save", None)
        created = save is not None and save.restoring
        self.record_admin_version(request, obj, message, created=created)
        return super().log_change(request, obj, message)

    def record_admin_version(self, request, obj, message, *, created):
        save = getattr(obj, "admin_save", None)
        if save is None or save.is_recorded:
            return
        save.is_recorded = True
        del obj.skip_history_when_saving
        record = save.reverted_from
        if record is not None:
            reason = ("Restored: " if created else "Reverted to ") + (
                f"the version of {format_moment(record.history_date)}"
            )
        else:
            reason = LogEntry(change_message=json.dumps(message)).get_change_message()
        record_versions(
            [obj],
            created=created,
            user=request.user,
            reason=Truncator(reason).chars(100),
        )
        if record is not None and created:
            for _, said in content_restored.send(
                sender=type(obj), instance=obj, record=record, user=request.user
            ):
                if said:
                    self.message_user(request, said, messages.INFO)

    # Reverting and restoring (simple-history's revert page).

    def history_inlines(self):
        """(child model, key to this model) for each inline whose history is kept."""
        for inline_class in self.inlines:
            child = inline_class.model
            if is_tracked(child):
                yield child, parent_key(child, self.model, inline_class.fk_name)

    def restore_inlines(self, request, obj, record):
        for child_model, fk in self.history_inlines():
            skipped = restore_children(child_model, fk, obj, record.history_date)
            if skipped:
                self.message_user(
                    request,
                    f"Some {child_model._meta.verbose_name_plural} of that version "
                    "could not be put back, because what they point to was deleted "
                    "or they clash with another: "
                    + "; ".join(str(child) for child in skipped),
                    messages.WARNING,
                )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not (str(unquote(object_id)).isdigit() and str(version_id).isdigit()):
            raise Http404("No such version.")
        record = get_object_or_404(
            history_of(self.model),
            **{self.model._meta.pk.attname: unquote(object_id), "pk": version_id},
        )
        opts = self.model._meta
        is_deleted = not self.model._base_manager.filter(pk=record.instance.pk).exists()
        # simple-history lets anyone who may view the history post the form: reverting
        # is a change, restoring a deleted object an addition.
        if request.method == "POST" and not (
            self.has_change_permission(request)
            and (not is_deleted or self.has_add_permission(request))
        ):
            raise PermissionDenied
        context = {
            "version": record,
            "is_deleted": is_deleted,
            "deletion": is_deleted and latest_version(self.model, record.instance.pk),
            "recover_deleted_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_deleted"
            ),
            "version_changes": self.changes_since(request, record),
            "child_changes": [
                child_changes(child_model, fk, record.instance.pk, record.history_date)
                for child_model, fk in self.history_inlines()
            ],
            **(extra_context or {}),
        }
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, context)

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableDiffHelper(self.model, historical_record)

    def changes_since(self, request, record):
        """What reverting to `record` would change, field by field: now → then."""
        current = latest_version(self.model, record.instance.pk)
        if current is None or current.pk == record.pk or current.history_type == "-":
            return []
        delta = record.diff_against(current, foreign_keys_are_objs=True)
        helper = self.get_historical_record_context_helper(request, record)
        return helper.context_for_delta_changes(delta)

    def history_form_view_title(self, request, obj):
        if not self.model._base_manager.filter(pk=obj.pk).exists():
            return f"Restore {obj}"
        return super().history_form_view_title(request, obj)

    def response_change(self, request, obj):
        save = getattr(obj, "admin_save", None)
        record = save and save.reverted_from
        if record is None:
            return super().response_change(request, obj)
        if save.restoring:
            message = f"Restored “{obj}”."
        else:
            message = (
                f"Reverted “{obj}” to the version of "
                f"{format_moment(record.history_date)}."
            )
        self.message_user(request, message, messages.SUCCESS)
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                args=[obj.pk],
            )
        )

    def history_view(self, request, object_id, extra_context=None):
        context = dict(extra_context or {})
        if not request.user.has_perm("auth.view_user"):
            # No link to a user page the editor may not open.
            context["admin_user_view"] = ""
        return super().history_view(request, object_id, context)

    # Deleted objects: listed, each with a link to restore its last version.

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_view),
                name=f"{opts.app_label}_{opts.model_name}_deleted",
            ),
            *super().get_urls(),
        ]

    def can_recover(self, request):
        return self.has_add_permission(
            request
        ) and self.has_view_history_or_change_history_permission(request)

    def deleted_view(self, request):
        if not self.can_recover(request):
            raise PermissionDenied
        opts = self.model._meta
        history = history_of(self.model)
        pk_name = opts.pk.attname
        deletions = (
            history.filter(history_type="-")
            .exclude(**{f"{pk_name}__in": self.model._base_manager.values("pk")})
            .latest_of_each()
            .select_related("history_user")
            .order_by("-history_date")[:200]
        )
        rows = []
        for deletion in deletions:
            pk = getattr(deletion, pk_name)
            last = (
                history.filter(
                    **{pk_name: pk, "history_date__lt": deletion.history_date}
                )
                .exclude(history_type="-")
                .first()
            )
            rows.append(
                {
                    "deletion": deletion,
                    "who": describe_user(deletion.history_user),
                    "restore_url": last
                    and reverse(
                        f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}"
                        "_simple_history",
                        args=[pk, last.pk],
                    ),
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Recover deleted {opts.verbose_name_plural}",
            "opts": opts,
            "rows": rows,
        }
        return TemplateResponse(request, self.deleted_template, context)

    def changelist_view(self, request, extra_context=None):
        # Django's date hierarchy turns a year past 9999 into an OverflowError (a 500);
        # answer it as the admin answers any bad lookup: the list with ?e=1.
        for key, value in request.GET.items():
            if key.endswith(("__year", "__month", "__day")) and not (
                value.isdigit() and 1 <= int(value) <= 9999
            ):
                return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
        context = dict(extra_context or {})
        if self.can_recover(request):
            opts = self.model._meta
            context["recover_deleted_url"] = reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_deleted"
            )
        return super().changelist_view(request, context)

    def response_delete(self, request, obj_display, obj_id):
        response = super().response_delete(request, obj_display, obj_id)
        if self.can_recover(request):
            opts = self.model._meta
            url = reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_deleted"
            )
            self.message_user(
                request,
                format_html(
                    "Deleted by mistake? It can be restored from "
                    '<a href="{}">Recover deleted {}</a>.',
                    url,
                    opts.verbose_name_plural,
                ),
                messages.INFO,
            )
        return response


class PublicationAdminMixin:
    """The "publication" column (draft, scheduled for when, or published), what the
    admin index lists, and plain warnings about publication times."""

    dashboard_filters = [
        ("Drafts", "draft"),
        ("In review", "review"),
        ("Scheduled", "scheduled"),
    ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if issubclass(self.model, Publishable) and not may_publish(request.user):
            return type(form.__name__, (form,), {"may_publish": False})
        return form

    def dashboard_lists(self, manager):
        return [
            ("Drafts", manager.drafts()),
            ("In review", manager.in_review()),
            ("Scheduled", manager.scheduled()),
        ]

    def dashboard_list_url(self, label):
        opts = self.model._meta
        value = dict(self.dashboard_filters).get(label)
        url = reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist"
        )
        return f"{url}?{PublicationFilter.parameter_name}={value}" if value else url

    def save_model(self, request, obj, form, change):
        if not isinstance(obj, Publishable):
            return super().save_model(request, obj, form, change)
        was_public = (
            change and type(obj)._base_manager.filter(public_q(), pk=obj.pk).exists()
        )
        super().save_model(request, obj, form, change)
        future = obj.published_at > timezone.now()
        when = format_moment(obj.published_at)
        if obj.status == Status.DRAFT and future:
            self.message_user(
                request,
                f"“{obj}” is a draft with a publication time still to come ({when}): "
                "it will NOT appear then by itself. To schedule it, set Status to "
                "Published and keep the time.",
                messages.WARNING,
            )
        elif obj.status == Status.PUBLISHED and future:
            if was_public:
                message = (
                    f"“{obj}” was public and is now OFFLINE until {when}: a "
                    "publication time in the future takes the whole item off the "
                    "site until then. To keep it online, set the publication time "
                    "to now or earlier."
                )
            else:
                message = f"“{obj}” is scheduled: it will appear by itself on {when}."
            self.message_user(request, message, messages.WARNING)

    @admin.display(description="publication", ordering="published_at")
    def publication(self, obj):
        if obj.status == Status.DRAFT:
            return "Draft"
        if obj.status == Status.IN_REVIEW:
            return "In review"
        if obj.is_scheduled:
            return f"Scheduled for {format_moment(obj.published_at)}"
        return "Published"


class ContentAdmin(
    OddInputAdminMixin,
    PublicationAdminMixin,
    RevisionAdminMixin,
    EditingFormMixin,
    SimpleHistoryAdmin,
):
    """The admin of every content model."""

    class Media:
        # Slugs made from titles: dashes and "+" read as words (after urlify.js).
        js = ["admin/js/urlify.js", "js/admin_slugs.js"]
