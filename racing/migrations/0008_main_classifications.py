"""Each season gets its drivers' classification, which takes over its scales.

Sessions stored the season's default scale for their kind; it now applies by
itself, so only a scale that differs from the default stays on the session.
The class results of the main classification are the results' own places and
points (no guests existed before). Results entered before results had a
status were the published ones: final.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    Season = apps.get_model("racing", "Season")
    Classification = apps.get_model("racing", "Classification")
    PointsScale = apps.get_model("racing", "PointsScale")
    Session = apps.get_model("racing", "Session")
    Result = apps.get_model("racing", "Result")
    ClassResult = apps.get_model("racing", "ClassResult")
    for season in Season.objects.all():
        main = Classification.objects.create(
            season=season, name="Drivers", slug="drivers", is_main=True
        )
        PointsScale.objects.filter(season=season).update(classification=main)
        for session in Session.objects.filter(
            event__season=season, points_scale__isnull=False
        ).select_related("points_scale"):
            if session.points_scale.default_for == session.kind:
                session.points_scale = None
                session.save(update_fields=["points_scale"])
        Session.objects.filter(event__season=season, results__isnull=False).update(
            results_status="final"
        )
        # Every result takes part (a retirement scores 0); only the classified
        # have a place.
        ClassResult.objects.bulk_create(
            ClassResult(
                result=result,
                classification=main,
                position=result.position if result.status == "cla" else None,
                points=result.points,
            )
            for result in Result.objects.filter(session__event__season=season)
        )


def backwards(apps, schema_editor):
    PointsScale = apps.get_model("racing", "PointsScale")
    for scale in PointsScale.objects.select_related("classification"):
        scale.season_id = scale.classification.season_id
        scale.save(update_fields=["season"])


class Migration(migrations.Migration):
    dependencies = [("racing", "0007_add_classifications")]

    operations = [migrations.RunPython(forwards, backwards)]
