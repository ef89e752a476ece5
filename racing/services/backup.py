"""Backup and restore: the database and every stored file in one archive.

The archive is a tar file holding `manifest.json` (what it holds and the
SHA-256 of every member), the database in the engine's own portable form
(`pg_dump` custom format on PostgreSQL, a consistent SQLite copy made with
SQLite's backup API) and the files of the photo and media storages. A restore
checks every hash before it touches anything, and only fills an empty
instance: it never mixes two sites.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import django
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from racing.models import Photo, Series

FORMAT = 1
DATABASE = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
STORAGE_PREFIXES = {"photos": "files/photos/", "media": "files/media/"}


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why."""


@dataclass
class Summary:
    path: Path
    files: int
    size: int


def _storages():
    return {
        "photos": Photo._meta.get_field("original").storage,
        "media": default_storage,
    }


def _walk(storage, folder=""):
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        if not name.startswith(".part-"):  # a write under way, not a file yet
            yield f"{folder}/{name}" if folder else name
    for directory in directories:
        yield from _walk(storage, f"{folder}/{directory}" if folder else directory)


def _stored_files():
    """(storage key, name) of every file: photos, then other media uploads."""
    storages = _storages()
    for name in _walk(storages["photos"], "photos"):
        yield "photos", name
    for name in _walk(storages["media"]):
        # With one bucket for both, the photos are already in.
        if not name.startswith("photos/"):
            yield "media", name


def _sha256(file) -> str:
    digest = hashlib.sha256()
    while chunk := file.read(1024 * 1024):
        digest.update(chunk)
    return digest.hexdigest()


def _database_settings():
    return connection.settings_dict


def _dump_database(target: Path) -> str:
    vendor = connection.vendor
    if vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target)])
        return "postgresql"
    if vendor == "sqlite":
        source = sqlite3.connect(_database_settings()["NAME"])
        try:
            copy = sqlite3.connect(target)
            with copy:
                source.backup(copy)  # consistent even while the site writes
            copy.close()
        finally:
            source.close()
        return "sqlite"
    raise BackupError(f"Backups of {vendor} databases are not supported.")


def _run(command: list[str]) -> None:
    settings = _database_settings()
    environment = {
        **os.environ,
        "PGHOST": settings.get("HOST") or "",
        "PGPORT": str(settings.get("PORT") or ""),
        "PGUSER": settings.get("USER") or "",
        "PGPASSWORD": settings.get("PASSWORD") or "",
        "PGDATABASE": settings["NAME"],
    }
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:500]}")


def create_backup(*, path: Path) -> Summary:
    """Write the archive to `path` (a new file, written whole or not at all)."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} exists already; choose a new name.")
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "django": django.get_version(),
        "members": {},
    }
    storages = _storages()
    partial = path.with_name(f".{path.name}.part")
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / "database"
        engine = _dump_database(dump)
        manifest["engine"] = engine
        with tarfile.open(partial, "w") as archive:
            member = DATABASE[engine]
            with open(dump, "rb") as source:
                manifest["members"][member] = _sha256(source)
            archive.add(dump, arcname=member)
            for key, name in _stored_files():
                with storages[key].open(name, "rb") as source:
                    data = source.read()
                member = STORAGE_PREFIXES[key] + name
                manifest["members"][member] = hashlib.sha256(data).hexdigest()
                info = tarfile.TarInfo(member)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    os.replace(partial, path)
    return Summary(
        path=path, files=len(manifest["members"]) - 1, size=path.stat().st_size
    )


def read_manifest(path: Path) -> dict:
    """The manifest, after checking every member against its hash."""
    try:
        with tarfile.open(path, "r") as archive:
            manifest = json.load(archive.extractfile("manifest.json"))
            members = manifest["members"]
            found = {m.name for m in archive.getmembers() if m.isfile()}
            missing = set(members) - found
            if missing:
                raise BackupError(f"The archive lacks {sorted(missing)[0]}.")
            for name, expected in members.items():
                if _sha256(archive.extractfile(name)) != expected:
                    raise BackupError(f"The archive is damaged: {name} changed.")
            return manifest
    except (tarfile.TarError, KeyError, json.JSONDecodeError, OSError) as error:
        raise BackupError(f"Not a readable backup archive: {error}") from None


def _is_empty() -> bool:
    return not Series.objects.exists() and not Photo.objects.exists()


def restore_backup(*, path: Path) -> Summary:
    """Fill an empty, migrated instance from the archive at `path`."""
    path = Path(path)
    manifest = read_manifest(path)
    engine = manifest["engine"]
    if engine != {"postgresql": "postgresql", "sqlite": "sqlite"}.get(
        connection.vendor
    ):
        raise BackupError(
            f"This archive holds a {engine} database; this site runs on "
            f"{connection.vendor}."
        )
    if not _is_empty():
        raise BackupError(
            "This site holds data already: restore only into an empty instance."
        )
    storages = _storages()
    with tempfile.TemporaryDirectory() as work, tarfile.open(path, "r") as archive:
        dump = Path(work) / "database"
        with archive.extractfile(DATABASE[engine]) as source, open(dump, "wb") as out:
            shutil.copyfileobj(source, out)
        _restore_database(engine, dump)
        count = 0
        for name in manifest["members"]:
            for key, prefix in STORAGE_PREFIXES.items():
                if name.startswith(prefix):
                    stored = name.removeprefix(prefix)
                    if storages[key].exists(stored):
                        storages[key].delete(stored)
                    storages[key].save(stored, File(archive.extractfile(name)))
                    count += 1
    return Summary(path=path, files=count, size=path.stat().st_size)


def _restore_database(engine: str, dump: Path) -> None:
    if engine == "postgresql":
        connection.close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--dbname",
                _database_settings()["NAME"],
                str(dump),
            ]
        )
        return
    target = _database_settings()["NAME"]
    connection.close()
    source = sqlite3.connect(dump)
    try:
        destination = sqlite3.connect(target)
        with destination:
            source.backup(destination)
        destination.close()
    finally:
        source.close()
