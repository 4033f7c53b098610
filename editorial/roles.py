"""The Editors role: every right on the site's content, none on accounts."""

from functools import cache

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS

from .history import is_tracked

EDITORS_GROUP = "Editors"
ACTIONS = ["add", "change", "delete", "view"]


def content_models(apps=global_apps):
    """The models editors keep: every model whose history is kept."""
    return [model for model in apps.get_models() if is_tracked(model)]


@cache
def content_app_labels():
    return {model._meta.app_label for model in content_models()}


def grant_editor_permissions(models, using=DEFAULT_DB_ALIAS):
    """Give the Editors group (created if missing) every right on these models."""
    group, _ = Group.objects.using(using).get_or_create(name=EDITORS_GROUP)
    content_types = ContentType.objects.db_manager(using).get_for_models(*models)
    group.permissions.add(
        *Permission.objects.using(using).filter(
            content_type__in=content_types.values(),
            codename__in=[
                f"{action}_{model._meta.model_name}"
                for model in models
                for action in ACTIONS
            ],
        )
    )
    return group


def ensure_editors_group(using=DEFAULT_DB_ALIAS):
    return grant_editor_permissions(content_models(), using=using)


def grant_rights_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """After every migrate, for each app: a content app that appears later (or a new
    content model) gets the Editors' rights without a migration of its own.

    Runs after django.contrib.auth's own post_migrate receiver (auth is installed
    first), so the app's permissions exist by then.
    """
    models = [model for model in sender.get_models() if is_tracked(model)]
    if models:
        grant_editor_permissions(models, using=using)
