"""Two editors never overwrite each other silently: a form refuses to save over a
change made after it was opened, naming who made it and when."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.utils import timezone
from django.utils.formats import date_format

from .history import describe_user, is_tracked, latest_version, m2m_fields, m2m_ids

VERSION_FIELD = "loaded_version"


def format_moment(value):
    return date_format(timezone.localtime(value), "j F Y, H:i T")


def version_token(record):
    return str(record.pk) if record is not None else ""


class VersionCheckedForm(forms.ModelForm):
    """Refuse to save over a change someone else made after this form was opened.

    The form carries the id of the object's latest history record when it was
    rendered; on save, a newer record means another editor (or a script) changed the
    object meanwhile. Every save writes a record, so history is the version counter.
    """

    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)
    # Off for an editor who may not publish (EDITORS_MAY_PUBLISH off, no reviewer).
    may_publish = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = type(self.instance)
        if self.instance.pk is None or not is_tracked(model):
            return
        self.fields[VERSION_FIELD].initial = version_token(
            latest_version(model, self.instance.pk)
        )
        # A form opened on an old version (the history's revert page) shows that
        # version's links, not today's.
        record = getattr(self.instance, "_history", None)
        if record is not None:
            for field in m2m_fields(model):
                if field.name in self.fields:
                    self.initial[field.name] = list(m2m_ids(record, field))

    def clean(self):
        cleaned_data = super().clean()
        self.keep_unchanged_values(cleaned_data)
        if not self.may_publish:
            self.check_publishing(cleaned_data)
        if self.instance.pk is not None and is_tracked(type(self.instance)):
            if self.prefix is None or self.has_changed():
                self.check_version()
        return cleaned_data

    def check_publishing(self, cleaned_data):
        if cleaned_data.get("status") != "published":
            return
        if self.instance._state.adding or self.initial.get("status") != "published":
            problem = "publish it"
        elif self.has_changed():
            problem = "change it while it is published"
        else:
            return
        self.add_error(
            "status",
            f"Only reviewers may {problem} on this site: set the status to “In "
            "review” (readers will not see it until a reviewer publishes it).",
        )

    def keep_unchanged_values(self, cleaned_data):
        """Browsers send text with CRLF line endings and times without their
        microseconds: neither is a change, so neither is saved as one."""
        for name, value in cleaned_data.items():
            if isinstance(value, str) and "\r" in value:
                cleaned_data[name] = value.replace("\r\n", "\n").replace("\r", "\n")
            elif isinstance(value, datetime.datetime) and self.instance.pk:
                stored = getattr(self.instance, name, None)
                if (
                    isinstance(stored, datetime.datetime)
                    and stored.replace(microsecond=0) == value
                ):
                    cleaned_data[name] = stored

    def check_version(self):
        model = type(self.instance)
        connection = connections[router.db_for_write(model)]
        if connection.in_atomic_block:
            # Wait for a save of the same object that is under way (PostgreSQL).
            list(
                model._base_manager.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("pk")
            )
        current = latest_version(model, self.instance.pk)
        if version_token(current) == self.cleaned_data.get(VERSION_FIELD):
            return
        # Shown again with the newer version: saving once more is a deliberate
        # choice to replace the other change.
        self.data = self.data.copy()
        self.data[self.add_prefix(VERSION_FIELD)] = version_token(current)
        name = model._meta.verbose_name
        raise ValidationError(
            "%(who)s changed this %(name)s on %(when)s, after you opened it. Your "
            "changes have NOT been saved, so that theirs are not lost. Open "
            "“History” (top right) in a new tab to see what they changed, then "
            "either reload this page and make your edits again, or press Save once "
            "more to replace their version with yours.",
            code="changed_meanwhile",
            params={
                "who": describe_user(current.history_user) if current else "Someone",
                "name": name,
                "when": format_moment(current.history_date) if current else "?",
            },
        )
