"""Full-text search on PostgreSQL: the unaccent extension, English and Swedish
configurations that ignore accents ("Backman" finds "Bäckman"), and GIN
indexes on the search vectors of reports and photos (racing/services/search.py
builds the very same expressions, so the queries use these indexes).

Nothing happens on SQLite, which searches without them.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations
from django.db.models import Q

CONFIGS = {"racing_en": "english", "racing_sv": "swedish"}


def _indexes():
    from racing.services.search import CONFIGS as BY_LANGUAGE
    from racing.services.search import photo_vector, report_vector

    indexes = [
        (
            "racereport",
            GinIndex(
                report_vector(config),
                name=f"report_search_{language}",
                condition=Q(language=language),
            ),
        )
        for language, config in BY_LANGUAGE.items()
    ]
    indexes.append(("photo", GinIndex(photo_vector(), name="photo_search")))
    return indexes


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, language in CONFIGS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(
            f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{language})"
        )
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR "
            f"hword, hword_part, word WITH unaccent, {language}_stem"
        )
    for model_name, index in _indexes():
        schema_editor.add_index(apps.get_model("racing", model_name), index)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, index in _indexes():
        schema_editor.remove_index(apps.get_model("racing", model_name), index)
    for name in CONFIGS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("racing", "0012_photos_ready_and_task_list")]

    operations = [migrations.RunPython(forwards, backwards)]
