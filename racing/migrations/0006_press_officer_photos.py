from django.db import migrations

from racing.permissions import sync_press_officer_group


class Migration(migrations.Migration):
    """Grant the press officers the licence, gallery and photo permissions."""

    dependencies = [("racing", "0005_add_galleries")]

    operations = [
        migrations.RunPython(sync_press_officer_group, migrations.RunPython.noop)
    ]
