"""The "Press officer" group: everything needed to run a race weekend in the admin.

Called from migrations (with the historical app registry), so a migration that adds
a model re-runs it to grant the new model's permissions too.
"""

from django.contrib.auth.management import create_permissions

PRESS_OFFICER = "Press officer"


def sync_press_officer_group(apps, schema_editor=None):
    # Permissions are normally created after migrate; create them now so the
    # group can be granted them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=PRESS_OFFICER)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="racing"))
    # The photo worker's task list, read-only: what is queued, running, failed.
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="django_tasks_database",
            codename__startswith="view_",
        )
    )


def remove_press_officer_group(apps, schema_editor=None):
    apps.get_model("auth", "Group").objects.filter(name=PRESS_OFFICER).delete()
