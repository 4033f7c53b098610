from django.core.management.base import BaseCommand
from django.db import transaction

from editorial.history import record_missing_history, repair_batch_histories
from editorial.roles import content_models


class Command(BaseCommand):
    help = (
        "Add a history version for every content object whose current state its "
        "history lacks: content loaded with loaddata (which skips history) or "
        "changed in the database directly. Editors can then read and revert it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reason",
            default="Content loaded or changed outside the admin",
            help="The change reason shown in the history (at most 100 characters).",
        )

    def handle(self, *args, **options):
        models = content_models()
        with transaction.atomic():
            repaired = repair_batch_histories(models)
            count = record_missing_history(models, options["reason"][:100])
        if repaired:
            self.stdout.write(
                f"Moved {repaired} child record(s) to their parent's version."
            )
        if count:
            self.stdout.write(f"Recorded {count} version(s) in the history.")
        else:
            self.stdout.write("The history is up to date: nothing to record.")
