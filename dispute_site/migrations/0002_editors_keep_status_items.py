from django.db import migrations

from dispute_site.editors import grant_editor_permissions


class Migration(migrations.Migration):
    """Editors may keep the current-status facts, as they keep all other content."""

    dependencies = [
        ("dispute_site", "0001_editors_group"),
        ("positions", "0003_status_item"),
    ]

    operations = [
        migrations.RunPython(grant_editor_permissions, migrations.RunPython.noop),
    ]
