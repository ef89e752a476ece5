from django.db import migrations

from racing.permissions import sync_press_officer_group


class Migration(migrations.Migration):
    """Grant the press officers the race report permissions."""

    dependencies = [("racing", "0003_add_race_report")]

    operations = [
        migrations.RunPython(sync_press_officer_group, migrations.RunPython.noop)
    ]
