from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from editorial.roles import content_models


def fixture_files():
    return sorted(
        path for folder in settings.FIXTURE_DIRS for path in folder.glob("*.json")
    )


def reading_files():
    """Links from existing statements to the articles they read (fixtures/links/):
    loaddata cannot set one field of an object another fixture file holds."""
    return sorted(
        path
        for folder in settings.FIXTURE_DIRS
        for path in (folder / "links").glob("*.json")
    )


def load_fixtures(files=None):
    """Load the fixtures, then the readings, in one transaction."""
    files = fixture_files() if files is None else files
    with transaction.atomic():
        call_command("loaddata", *[str(path) for path in files], verbosity=0)
        links = reading_files()
        if links:
            call_command(
                "link_readings", *[str(path) for path in links], stdout=StringIO()
            )


def has_content():
    return any(model.objects.exists() for model in content_models())


class Command(BaseCommand):
    help = (
        "Migrate the database, then load the initial content from fixtures/ if "
        "the site has no content yet. Never overwrites what editors changed."
    )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=options["verbosity"] - 1)
        if has_content():
            self.stdout.write("The site already has content: fixtures not loaded.")
            # Content loaded by hand (a reset with loaddata) gets its history too.
            call_command("record_history", verbosity=0, stdout=StringIO())
            return
        files = fixture_files()
        if not files:
            self.stdout.write(
                self.style.WARNING("No fixtures found: the site is empty.")
            )
            return
        # One transaction: a broken fixture or reading leaves nothing behind.
        load_fixtures(files)
        # loaddata skips history; without a first version nothing could be reverted.
        call_command(
            "record_history",
            reason="Initial content loaded from fixtures",
            stdout=StringIO(),
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the initial content from {len(files)} fixture file(s): "
                + ", ".join(path.name for path in files)
            )
        )
