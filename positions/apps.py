from django.apps import AppConfig


class PositionsConfig(AppConfig):
    name = "positions"
    verbose_name = "Positions"

    def ready(self):
        from . import signals

        signals.connect()
