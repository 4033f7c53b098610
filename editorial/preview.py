"""Drafts previewed by staff on their public address, never by readers."""

from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.functional import cached_property


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
    preview queryset (which get_queryset() should narrow with .published()) is tried
    only after that 404, only for staff. A page that shows staff anything readers
    cannot see is marked private and uncacheable, so no cache hands it to a reader.
    """

    # The model whose "view" permission lets staff see its unpublished items; by
    # default the view's own.
    preview_model = None
    is_preview = False

    def get_preview_queryset(self):
        return self.get_queryset().model._default_manager.all()

    @cached_property
    def preview_allowed(self):
        # Readers have no session: leave their requests (and Vary) untouched.
        if settings.SESSION_COOKIE_NAME not in self.request.COOKIES:
            return False
        model = self.preview_model or self.get_queryset().model
        return can_preview(self.request.user, model)

    def get_object(self, queryset=None):
        try:
            return super().get_object(queryset)
        except Http404:
            if queryset is not None or not self.preview_allowed:
                raise
        obj = super().get_object(self.get_preview_queryset())
        self.is_preview = True
        return obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.is_preview and "draft_preview" not in context:
            context["draft_preview"] = draft_preview(self.object)
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.is_preview:
            add_never_cache_headers(response)
            patch_vary_headers(response, ["Cookie"])
        return response


def draft_preview(obj=None, parts=()):
    """What the "not public" banner says: about the page's object, or some parts."""
    return {
        "object": obj,
        "is_scheduled": getattr(obj, "is_scheduled", False),
        "admin_url": admin_change_url(obj) if obj is not None else "",
        "parts": [
            {"object": part, "admin_url": admin_change_url(part)} for part in parts
        ],
    }


def admin_change_url(obj):
    opts = obj._meta
    try:
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
        )
    except NoReverseMatch:
        return ""
