import django.db.models.deletion
from django.db import migrations, models

from racing.permissions import sync_press_officer_group


class Migration(migrations.Migration):
    dependencies = [("racing", "0008_main_classifications")]

    operations = [
        migrations.AlterField(
            model_name="pointsscale",
            name="classification",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="points_scales",
                to="racing.classification",
                verbose_name="classification",
            ),
        ),
        migrations.RemoveField(model_name="pointsscale", name="season"),
        # Classifications and class results for the press officers.
        migrations.RunPython(sync_press_officer_group, migrations.RunPython.noop),
    ]
