from django.apps import AppConfig


class DisputeSiteConfig(AppConfig):
    name = "dispute_site"
    verbose_name = "Site"
