from django.db import migrations

from dispute_site.editors import grant_editor_permissions, remove_editors_group


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("timeline", "0003_event_history_of_links"),
        ("positions", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(grant_editor_permissions, remove_editors_group),
    ]
