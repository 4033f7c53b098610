from django.db import migrations

from editorial.history import align_batch_children


def align(apps, schema_editor):
    align_batch_children(
        apps.get_model("positions", "HistoricalPosition"),
        apps.get_model("positions", "HistoricalStatement"),
        "position_id",
    )


class Migration(migrations.Migration):
    """Histories recorded from fixtures before parent and children shared a moment:
    move each statement's first batch record to its position's, so reverting to the
    position's first version keeps its statements."""

    dependencies = [("positions", "0001_initial")]

    operations = [migrations.RunPython(align, migrations.RunPython.noop)]
