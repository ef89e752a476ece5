from django.db import migrations

from racing.permissions import remove_press_officer_group, sync_press_officer_group


class Migration(migrations.Migration):
    dependencies = [
        ("racing", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(sync_press_officer_group, remove_press_officer_group),
    ]
