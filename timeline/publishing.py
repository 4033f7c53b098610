"""What "published" means, defined once for every model readers can see."""

from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone

from .markdown import render_markdown


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())


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
        help_text="Readers see only published items, from their publication time on.",
    )
    published_at = models.DateTimeField(
        "publication time",
        default=timezone.now,
        db_index=True,
        help_text="A time in the future schedules the item: it appears by itself then.",
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

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED and self.published_at <= timezone.now()


class MarkdownBody(models.Model):
    body = models.TextField(
        blank=True,
        help_text=(
            "Markdown: *italic*, **bold**, [link text](https://…), blank line between "
            "paragraphs, '- ' for lists, '> ' for quotations. HTML is removed."
        ),
    )
    body_html = models.TextField(blank=True, editable=False)

    class Meta:
        abstract = True


@receiver(pre_save)
def render_markdown_body(sender, instance, **kwargs):
    # A receiver rather than save(): loaddata saves raw and never calls save().
    if isinstance(instance, MarkdownBody):
        instance.body_html = render_markdown(instance.body)
