"""What "published" means, defined once for every model readers can see.

A content model subclasses Publishable (status and publication time) and, for a
Markdown body, MarkdownBody. Editorial's own tables: ContentVersion (the page cache's
shared counter) and EditorSettings (each editor's time zone).
"""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .translation import translated


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"


def public_q(prefix=""):
    """Published and due: the one definition every "public" lookup uses.

    `prefix` reaches the publishable through a relation ("position__" for a
    statement, which is public exactly when its position is).
    """
    return Q(
        **{
            f"{prefix}status": Status.PUBLISHED,
            f"{prefix}published_at__lte": timezone.now(),
        }
    )


def scheduled_q(prefix=""):
    """Published, but with a publication time still to come."""
    return Q(
        **{
            f"{prefix}status": Status.PUBLISHED,
            f"{prefix}published_at__gt": timezone.now(),
        }
    )


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(public_q())

    def scheduled(self):
        return self.filter(scheduled_q())

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def in_review(self):
        return self.filter(status=Status.IN_REVIEW)

    def not_public(self):
        """Drafts and scheduled items: what "Publish now" would make public."""
        return self.exclude(public_q())


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class PublishableManager(SlugManager.from_queryset(PublishableQuerySet)):
    pass


class Publishable(models.Model):
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Readers see only published items, from their publication time "
        "on. “In review” asks a reviewer to check and publish it; readers do not see "
        "it either.",
    )
    published_at = models.DateTimeField(
        "publication time",
        default=timezone.now,
        db_index=True,
        help_text="A time in the future schedules a published item: it appears by "
        "itself then. For an item that is already public, a future time takes it "
        "offline until then.",
    )
    # Defaults rather than auto_now: loaddata saves raw, which skips auto_now.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = PublishableManager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "updated_at"}
        super().save(*args, **kwargs)

    def children_problem(self, related_name, count):
        """What is wrong with publishing this item with `count` rows of
        `related_name` (an inline's children), or None. Models with a rule say so."""
        return None

    def publication_problems(self):
        """Every rule a published item must meet, as sentences that name what to fix.

        Drafts may break them; the admin's form and publish action, and scripts
        through full_clean() where a rule can live there, refuse to publish until
        they are met.
        """
        problems = []
        for related_name in self.publication_children:
            count = getattr(self, related_name).count() if self.pk else 0
            problem = self.children_problem(related_name, count)
            if problem:
                problems.append(problem)
        return problems

    # The child rows (reverse relation names) that a rule counts.
    publication_children = ()

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED and not self.is_scheduled

    @property
    def is_in_review(self):
        return self.status == Status.IN_REVIEW

    @property
    def is_scheduled(self):
        return self.status == Status.PUBLISHED and self.published_at > timezone.now()


class MarkdownBody(models.Model):
    """A Markdown body, rendered and sanitised into body_html whenever it is saved
    (editorial.signals: loaddata's raw saves included)."""

    body = translated(
        models.TextField(
            blank=True,
            help_text=(
                "Markdown: *italic*, **bold**, [link text](https://…), blank line "
                "between paragraphs, '- ' for lists, '> ' for quotations. HTML is "
                "removed."
            ),
        )
    )
    body_html = translated(models.TextField(blank=True, editable=False))

    class Meta:
        abstract = True


class ContentVersion(models.Model):
    """One row: a counter bumped by every change to content, in the same transaction.

    Every process reads it once per request (editorial.pagecache), so a page cached by
    any worker, host or CDN is keyed on the same version: an edit from the admin, a
    script or loaddata is seen by all of them at once, whichever cache backend is used.
    """

    number = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return f"content version {self.number}"


def default_time_zone():
    return settings.TIME_ZONE


class EditorSettings(models.Model):
    """What one editor chooses for their own work in the admin."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="editor_settings",
    )
    time_zone = models.CharField(
        max_length=64,
        default=default_time_zone,
        help_text="Times in the admin are shown and entered in this time zone "
        "(and stored in UTC): Asia/Tokyo, Europe/Moscow, UTC.",
    )

    class Meta:
        ordering = ["user"]
        verbose_name_plural = "editor settings"

    def __str__(self):
        return f"{self.user}: {self.time_zone}"

    def clean(self):
        if self.time_zone not in zoneinfo.available_timezones():
            raise ValidationError(
                {"time_zone": f"“{self.time_zone}” is not a time zone name."}
            )
