"""What "published" means, defined once for every model readers can see."""

from django.contrib.auth import get_permission_codename
from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_vary_headers

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

    @property
    def is_scheduled(self):
        return self.status == Status.PUBLISHED and self.published_at > timezone.now()


def can_preview(user, model):
    """Staff who may view a model in the admin may also see its unpublished items."""
    opts = model._meta
    codename = get_permission_codename("view", opts)
    return (
        user.is_active
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.{codename}")
    )


class DraftPreviewMixin:
    """Show staff an unpublished object on its public URL, under a banner.

    get_queryset() stays published-only, so readers get the 404 they always got; the
    preview queryset is tried only after that 404, only for staff. A preview response
    is marked private and uncacheable, so no cache can hand it to a reader.
    """

    is_preview = False

    def get_preview_queryset(self):
        return self.get_queryset().model._default_manager.all()

    def get_object(self, queryset=None):
        try:
            return super().get_object(queryset)
        except Http404:
            model = self.get_queryset().model
            if queryset is not None or not can_preview(self.request.user, model):
                raise
        obj = super().get_object(self.get_preview_queryset())
        self.is_preview = True
        return obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.is_preview:
            context["draft_preview"] = {
                "object": self.object,
                "is_scheduled": getattr(self.object, "is_scheduled", False),
                "admin_url": admin_change_url(self.object),
            }
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.is_preview:
            add_never_cache_headers(response)
            patch_vary_headers(response, ["Cookie"])
        return response


def admin_change_url(obj):
    opts = obj._meta
    try:
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
        )
    except NoReverseMatch:
        return ""


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
