from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

CONTENT_APPS = ["timeline", "positions"]


def fixture_files():
    return sorted(
        path for folder in settings.FIXTURE_DIRS for path in folder.glob("*.json")
    )


def has_content():
    return any(
        model.objects.exists()
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical")
    )


class Command(BaseCommand):
    help = (
        "Migrate the database, then load the initial content from fixtures/ if "
        "the site has no content yet. Never overwrites what editors changed."
    )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=options["verbosity"] - 1)
        if has_content():
            self.stdout.write("The site already has content: fixtures not loaded.")
            return
        files = fixture_files()
        if not files:
            self.stdout.write(
                self.style.WARNING("No fixtures found: the site is empty.")
            )
            return
        # One loaddata call is one transaction: a broken fixture leaves nothing behind.
        call_command("loaddata", *[str(path) for path in files], verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the initial content from {len(files)} fixture file(s): "
                + ", ".join(path.name for path in files)
            )
        )
