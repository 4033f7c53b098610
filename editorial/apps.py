from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial"

    def ready(self):
        from . import signals
        from .translation import translate_history_models

        signals.connect()
        translate_history_models()


class EditorialAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the editors' site as admin.site."""

    default = False
    default_site = "editorial.sites.EditorialAdminSite"
