import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from documents.models import Article
from positions.models import Statement


def load_links(path):
    """[(statement natural key, article natural key)] from a readings file."""
    try:
        entries = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"{path}: {error}") from error
    links = []
    for index, entry in enumerate(entries, start=1):
        try:
            links.append((list(entry["statement"]), list(entry["article"])))
        except (KeyError, TypeError) as error:
            raise CommandError(
                f"{path}, entry {index}: needs a 'statement' and an 'article' key, "
                "each a natural key (a list)."
            ) from error
    return links


class Command(BaseCommand):
    help = (
        "Point statements at the document articles they read, from readings files "
        "(fixtures/links/*.json): each entry names a statement and an article by "
        "their natural keys. All or nothing: one bad entry changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="Readings files to load.")

    def handle(self, *args, **options):
        count = 0
        with transaction.atomic():
            for path in options["files"]:
                for index, (statement_key, article_key) in enumerate(
                    load_links(path), start=1
                ):
                    where = f"{Path(path).name}, entry {index}"
                    try:
                        statement = Statement.objects.get_by_natural_key(*statement_key)
                    except (Statement.DoesNotExist, TypeError, ValueError) as error:
                        raise CommandError(
                            f"{where}: no statement {statement_key}."
                        ) from error
                    try:
                        article = Article.objects.get_by_natural_key(*article_key)
                    except (Article.DoesNotExist, TypeError) as error:
                        raise CommandError(
                            f"{where}: no article {article_key}."
                        ) from error
                    if statement.article_id == article.pk:
                        continue
                    statement.article = article
                    message = statement.article_date_error()
                    if message:
                        raise CommandError(f"{where}: {message}")
                    statement.save(update_fields=["article"])
                    count += 1
        self.stdout.write(f"Linked {count} statement(s) to the articles they read.")
