from django.db import migrations

from racing.permissions import sync_press_officer_group


class Migration(migrations.Migration):
    """Grant the press officers the permissions of the daily download counts."""

    dependencies = [("racing", "0018_dashboard_downloads")]

    operations = [
        migrations.RunPython(sync_press_officer_group, migrations.RunPython.noop)
    ]
