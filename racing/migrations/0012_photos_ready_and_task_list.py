"""Photos that have renditions are ready; press officers may read the task list
(it said 403), to see what the photo worker is doing."""

from django.db import migrations

from racing.permissions import sync_press_officer_group


def photos_with_renditions_are_ready(apps, schema_editor):
    Photo = apps.get_model("racing", "Photo")
    Photo.objects.exclude(renditions={}).update(processing="ready")


class Migration(migrations.Migration):
    dependencies = [
        ("racing", "0011_photo_processing_state"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.RunPython(
            photos_with_renditions_are_ready, migrations.RunPython.noop
        ),
        migrations.RunPython(sync_press_officer_group, migrations.RunPython.noop),
    ]
