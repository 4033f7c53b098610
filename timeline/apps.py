from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = "Timeline"

    def ready(self):
        from .models import Island, Person
        from .words import forget_name_groups

        # Names across scripts (timeline.words) are read from islands and people.
        for model in (Island, Person):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_name_groups,
                    sender=model,
                    dispatch_uid=f"timeline-names-{model.__name__}-{signal}",
                )
