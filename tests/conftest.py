import pytest


@pytest.fixture(autouse=True)
def _isolated_settings(settings, tmp_path):
    """Each test writes media to its own folder and never redirects to HTTPS."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture
def press_officer(db, django_user_model):
    from django.contrib.auth.models import Group

    from racing.permissions import PRESS_OFFICER

    user = django_user_model.objects.create_user(
        username="press", password="pit-lane-42", is_staff=True
    )
    user.groups.add(Group.objects.get(name=PRESS_OFFICER))
    return user


@pytest.fixture
def press_client(client, press_officer):
    client.force_login(press_officer)
    return client


@pytest.fixture
def demo(db):
    from racing.demo import load_demo

    return load_demo()
