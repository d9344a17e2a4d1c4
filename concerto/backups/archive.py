"""Backups: the database and the uploaded files in one checked archive.

A backup is a folder holding `database.sqlite3` (SQLite's online backup API,
consistent while the site runs) or `database.pgdump` (pg_dump's custom
format), `media.tar.gz`, and `manifest.json` with each file's SHA-256. Restore
refuses an archive whose checksums do not match.
"""

import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

MANIFEST = "manifest.json"


class BackupError(Exception):
    pass


def create_backup(target: Path, *, alias: str = "default") -> Path:
    target.mkdir(parents=True, exist_ok=False)
    connection = connections[alias]
    if connection.vendor == "sqlite":
        database = target / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(database) as copy:
            connection.connection.backup(copy)
        copy.close()
    elif connection.vendor == "postgresql":
        database = target / "database.pgdump"
        _pg("pg_dump", connection.settings_dict, "--format=custom", f"--file={database}")
    else:
        raise BackupError(f"Unsupported database: {connection.vendor}")
    media = target / "media.tar.gz"
    with tarfile.open(media, "w:gz") as archive:
        if Path(settings.MEDIA_ROOT).is_dir():
            archive.add(settings.MEDIA_ROOT, arcname="media")
    manifest = {
        "created_at": timezone.now().isoformat(),
        "database_vendor": connection.vendor,
        "files": {path.name: _sha256(path) for path in (database, media)},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return target


def verify_backup(source: Path) -> dict:
    manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    for name, digest in manifest["files"].items():
        if _sha256(source / name) != digest:
            raise BackupError(f"{name}: checksum mismatch, the backup is damaged")
    return manifest


def restore_database(source: Path, settings_dict: dict) -> None:
    """Load the backup's database into the (fresh) database described by settings_dict."""
    manifest = verify_backup(source)
    if manifest["database_vendor"] == "sqlite":
        shutil.copyfile(source / "database.sqlite3", settings_dict["NAME"])
    else:
        _pg(
            "pg_restore",
            settings_dict,
            "--no-owner",
            "--clean",
            "--if-exists",
            "--exit-on-error",
            str(source / "database.pgdump"),
        )


def restore_media(source: Path, media_root: Path) -> None:
    verify_backup(source)
    with tarfile.open(source / "media.tar.gz", "r:gz") as archive:
        members = [m for m in archive.getmembers() if m.name.startswith("media")]
        for member in members:
            member.name = member.name.removeprefix("media").lstrip("/") or "."
        archive.extractall(media_root, members=members, filter="data")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg(program: str, settings_dict: dict, *arguments: str) -> None:
    command = [
        _pg_binary(program),
        f"--host={settings_dict['HOST'] or 'localhost'}",
        f"--port={settings_dict['PORT'] or 5432}",
        f"--username={settings_dict['USER']}",
        f"--dbname={settings_dict['NAME']}",
        *arguments,
    ]
    environment = os.environ | {"PGPASSWORD": settings_dict.get("PASSWORD") or ""}
    done = subprocess.run(command, env=environment, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{program} failed: {done.stderr.strip()}")


def _pg_binary(program: str) -> str:
    if found := shutil.which(program):
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{program}"))
    if not candidates:
        raise BackupError(f"{program} not found: install the PostgreSQL client")
    return candidates[-1]
