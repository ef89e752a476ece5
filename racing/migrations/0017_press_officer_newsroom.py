from django.db import migrations

from racing.permissions import sync_press_officer_group


class Migration(migrations.Migration):
    """Grant the press officers the newsroom permissions (contacts,
    subscribers, journalists, embargoed links)."""

    dependencies = [("racing", "0016_newsroom")]

    operations = [
        migrations.RunPython(sync_press_officer_group, migrations.RunPython.noop)
    ]
