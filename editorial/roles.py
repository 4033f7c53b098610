"""The Editors and Reviewers roles: every right on the site's content, none on
accounts; reviewers also publish what editors send them (and, when the site sets
EDITORS_MAY_PUBLISH off, only they publish)."""

from functools import cache

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS

from .history import is_tracked

EDITORS_GROUP = "Editors"
REVIEWERS_GROUP = "Reviewers"
GROUPS = [EDITORS_GROUP, REVIEWERS_GROUP]
ACTIONS = ["add", "change", "delete", "view"]


def content_models(apps=global_apps):
    """The models editors keep: every model whose history is kept."""
    return [model for model in apps.get_models() if is_tracked(model)]


@cache
def content_app_labels():
    return {model._meta.app_label for model in content_models()}


def grant_editor_permissions(models, using=DEFAULT_DB_ALIAS, name=EDITORS_GROUP):
    """Give a group (created if missing) every right on these models."""
    group, _ = Group.objects.using(using).get_or_create(name=name)
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


def ensure_reviewers_group(using=DEFAULT_DB_ALIAS):
    return grant_editor_permissions(content_models(), using=using, name=REVIEWERS_GROUP)


def is_reviewer(user):
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=REVIEWERS_GROUP).exists()
    )


def may_publish(user):
    """Whether this user may make content public (or send it back)."""
    return getattr(settings, "EDITORS_MAY_PUBLISH", True) or is_reviewer(user)


def grant_rights_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """After every migrate, for each app: a content app that appears later (or a new
    content model) gets the Editors' rights without a migration of its own.

    Runs after django.contrib.auth's own post_migrate receiver (auth is installed
    first), so the app's permissions exist by then.
    """
    models = [model for model in sender.get_models() if is_tracked(model)]
    if models:
        for name in GROUPS:
            grant_editor_permissions(models, using=using, name=name)
