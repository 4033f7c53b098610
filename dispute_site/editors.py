"""The Editors role: every right on the site's content, none on accounts."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

CONTENT_APPS = ["timeline", "positions"]
EDITORS_GROUP = "Editors"
ACTIONS = ["add", "change", "delete", "view"]


def content_models(apps):
    """The models editors keep, without simple-history's record tables."""
    return [
        model
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical")
    ]


def grant_editor_permissions(apps, schema_editor):
    """Create the Editors group if missing and give it every right on content.

    For data migrations: permissions are normally created after the whole migrate
    run (post_migrate), so they are created here first. A migration that adds a
    content model can run this again.
    """
    ensure_editors_group(apps, using=schema_editor.connection.alias)


def ensure_editors_group(apps=global_apps, using=DEFAULT_DB_ALIAS):
    for label in CONTENT_APPS:
        config = apps.get_app_config(label)
        # create_permissions() skips an app without models_module, which the
        # migration state's app stubs lack.
        models_module = getattr(config, "models_module", None)
        config.models_module = models_module or True
        create_permissions(config, verbosity=0, using=using, apps=apps)
        config.models_module = models_module
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    group, _ = group_model.objects.using(using).get_or_create(name=EDITORS_GROUP)
    for model in content_models(apps):
        opts = model._meta
        content_type = content_type_model.objects.db_manager(using).get_for_model(model)
        group.permissions.add(
            *permission_model.objects.using(using).filter(
                content_type=content_type,
                codename__in=[f"{action}_{opts.model_name}" for action in ACTIONS],
            )
        )
    return group


def remove_editors_group(apps, schema_editor):
    using = schema_editor.connection.alias
    apps.get_model("auth", "Group").objects.using(using).filter(
        name=EDITORS_GROUP
    ).delete()
