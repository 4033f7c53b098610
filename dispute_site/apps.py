from django.apps import AppConfig


class DisputeSiteConfig(AppConfig):
    name = "dispute_site"
    verbose_name = "Site"

    def ready(self):
        # Connected here, not in the middleware, so that changes made by management
        # commands and the shell invalidate the shared page cache too.
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .cache import bump_content_version

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(bump_content_version, dispatch_uid=f"page-cache-{signal}")
