import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_models_have_no_missing_migrations():
    out = io.StringIO()

    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
