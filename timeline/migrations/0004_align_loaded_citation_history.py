from django.db import migrations

from editorial.history import align_batch_children


def align(apps, schema_editor):
    align_batch_children(
        apps.get_model("timeline", "HistoricalEvent"),
        apps.get_model("timeline", "HistoricalCitation"),
        "event_id",
    )


class Migration(migrations.Migration):
    """Histories recorded from fixtures before parent and children shared a moment:
    move each citation's first batch record to its event's, so reverting to the
    event's first version keeps its citations."""

    dependencies = [("timeline", "0003_event_history_of_links")]

    operations = [migrations.RunPython(align, migrations.RunPython.noop)]
