"""`manage.py backup` and `manage.py restore`: a round trip into an empty
instance gives back every row and every file, byte for byte."""

import hashlib
import io
import shutil
import tarfile

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import CommandError, call_command

from racing.models import Photo, Series
from racing.services.backup import _storages, _stored_files

pytestmark = pytest.mark.django_db(transaction=True)


def every_row() -> str:
    models = sorted(apps.get_models(), key=lambda model: model._meta.label)
    return serializers.serialize(
        "json",
        [row for model in models for row in model._default_manager.order_by("pk")],
    )


def every_file() -> dict[str, str]:
    storages = _storages()
    hashes = {}
    for key, name in _stored_files():
        with storages[key].open(name, "rb") as f:
            hashes[f"{key}:{name}"] = hashlib.sha256(f.read()).hexdigest()
    return hashes


def empty_the_instance(settings):
    call_command("flush", interactive=False, verbosity=0)
    for folder in (settings.MEDIA_ROOT, _storages()["photos"].location):
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def site(settings):
    call_command("load_demo", stdout=io.StringIO())
    assert Photo.objects.count() > 10
    return settings


def test_a_round_trip_gives_back_every_row_and_every_file(site, tmp_path):
    rows, files = every_row(), every_file()
    archive = tmp_path / "racing.tar"

    call_command("backup", archive, stdout=io.StringIO())
    empty_the_instance(site)
    assert not Series.objects.exists() and every_file() == {}
    out = io.StringIO()
    call_command("restore", archive, stdout=out)

    assert every_row() == rows
    assert every_file() == files
    assert f"{len(files)} files" in out.getvalue()


def test_the_archive_lists_every_member_with_its_hash(site, tmp_path):
    import json

    archive = tmp_path / "racing.tar"
    call_command("backup", archive, stdout=io.StringIO())

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        for name, digest in manifest["members"].items():
            assert hashlib.sha256(tar.extractfile(name).read()).hexdigest() == digest
    assert manifest["engine"] in ("sqlite", "postgresql")
    assert len(manifest["members"]) == len(every_file()) + 1  # and the database


def test_a_damaged_archive_is_refused_before_anything_changes(site, tmp_path):
    archive = tmp_path / "racing.tar"
    call_command("backup", archive, stdout=io.StringIO())
    empty_the_instance(site)
    data = bytearray(archive.read_bytes())
    at = data.index(b"DEMO IMAGE") if b"DEMO IMAGE" in data else len(data) // 2
    data[at] ^= 0xFF
    archive.write_bytes(bytes(data))

    with pytest.raises(CommandError, match="damaged|readable"):
        call_command("restore", archive, stdout=io.StringIO())

    assert not Series.objects.exists()


def test_restoring_over_a_site_with_data_is_refused(site, tmp_path):
    archive = tmp_path / "racing.tar"
    call_command("backup", archive, stdout=io.StringIO())

    with pytest.raises(CommandError, match="empty instance"):
        call_command("restore", archive, stdout=io.StringIO())


def test_an_existing_archive_is_never_overwritten(site, tmp_path):
    archive = tmp_path / "racing.tar"
    archive.write_bytes(b"yesterday's backup")

    with pytest.raises(CommandError, match="exists"):
        call_command("backup", archive, stdout=io.StringIO())

    assert archive.read_bytes() == b"yesterday's backup"
