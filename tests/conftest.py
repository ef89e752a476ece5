import pytest
from django.utils import translation


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


@pytest.fixture(autouse=True)
def _empty_cache():
    """The cache outlives a test's database rows: start each test with none."""
    from django.core.cache import cache

    from racing.services import page_cache

    cache.clear()
    page_cache.local.forget()


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request to /sv/ leaves Swedish active in the test thread; reverse() in
    the next test would then build /sv/ URLs."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def press_officer(db, django_user_model):
    from django.contrib.auth.models import Group, Permission

    from racing.permissions import PRESS_OFFICER

    group, created = Group.objects.get_or_create(name=PRESS_OFFICER)
    if created:
        # A browser test (transactional) flushed the rows the migration made;
        # grant what the migration grants.
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="racing")
            | Permission.objects.filter(
                content_type__app_label="django_tasks_database",
                codename__startswith="view_",
            )
        )
    user = django_user_model.objects.create_user(
        username="press", password="pit-lane-42", is_staff=True
    )
    user.groups.add(group)
    return user


@pytest.fixture
def press_client(client, press_officer):
    client.force_login(press_officer)
    return client


@pytest.fixture
def demo(db):
    from racing.demo import load_demo

    return load_demo()


@pytest.fixture
def demo_with_photos(db, django_capture_on_commit_callbacks):
    """The demo with its photos processed, as the worker leaves them (in a
    test's transaction nothing commits, so the photo tasks run here)."""
    from racing.demo import load_demo

    with django_capture_on_commit_callbacks(execute=True):
        return load_demo()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, tmp_path_factory
):
    """On SQLite, test in a file rather than in memory: the browser tests send
    concurrent requests to the live server, and an in-memory database is one
    connection shared by the server's threads, which SQLite refuses."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        path = tmp_path_factory.mktemp("database") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(path)


@pytest.fixture
def kit_data(db, django_capture_on_commit_callbacks):
    """For the press kit: two of our drivers with entries, results, a portrait
    and a car photo processed by the photo desk (small JPEGs: fast)."""
    import io

    from racing.models import Gallery, Licence
    from racing.services.uploads import Batch, add_photo
    from tests.factories import (
        make_car,
        make_driver,
        make_entry,
        make_event,
        make_result,
        make_season,
        make_session,
        make_team,
    )
    from tests.media.conftest import jpeg_bytes

    licence = Licence.objects.create(name="Editorial", text="Editorial use")
    season = make_season()
    event = make_event(season=season)
    gallery = Gallery.objects.create(
        event=event, title="Portraits and cars", slug="kit", is_published=True
    )
    team = make_team(name="Target Competition")
    car = make_car(manufacturer="Hyundai", model="Elantra N TCR")
    race = make_session(event=event)
    for n, (first, slug) in enumerate(
        [("Andreas", "andreas-backman"), ("Jessica", "jessica-backman")]
    ):
        driver = make_driver(
            first_name=first, last_name="Bäckman", slug=slug, is_own=True
        )
        photos = []
        for kind in ("portrait", "car"):
            batch = Batch(
                licence_id=licence.pk, credit="FIA WTCR", caption=f"{first} {kind}"
            )
            with django_capture_on_commit_callbacks(execute=True):
                upload = add_photo(
                    gallery=gallery,
                    file=io.BytesIO(jpeg_bytes(colour=(n * 90, 40, 40))),
                    name=f"{slug}-{kind}.jpg",
                    batch=batch,
                )
            photos.append(upload.photo)
        driver.portrait = photos[0]
        driver.save()
        make_entry(
            season=season,
            driver=driver,
            team=team,
            car=car,
            number=10 + n,
            car_photo=photos[1],
        )
        make_result(session=race, driver=driver, position=n + 2)
