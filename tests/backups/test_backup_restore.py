"""A backup restored into a fresh database holds the same data."""

import sqlite3
import uuid

import pytest
from django.db import connection

from concerto.backups.archive import BackupError, create_backup, restore_database, restore_media
from concerto.participation.actions import submit_contribution
from tests.factories import UserFactory, open_module

TABLES = ("accounts_user", "processes_process", "participation_contribution")


def _rows(cursor, table):
    if connection.vendor == "postgresql":
        # Each row as PostgreSQL's own text, so both sides compare the same way
        # whatever loaders each client registers (JSON, time zones).
        cursor.execute(f"SELECT {table}::text FROM {table} ORDER BY id")  # fixed names
    else:
        cursor.execute(f"SELECT * FROM {table} ORDER BY id")  # fixed table names, not input
    return [tuple(str(value) for value in row) for row in cursor.fetchall()]


@pytest.fixture
def some_data(transactional_db):
    module, _organiser = open_module("proposals")
    for n in range(3):
        submit_contribution(
            module, author=UserFactory(), kind="proposal", title=f"Idée {n}",
            body=f"Texte accentué numéro {n} : éàç.", idempotency_key=uuid.uuid4(),
        )  # fmt: skip


def test_a_restored_backup_has_the_same_rows_and_files(some_data, tmp_path, settings):
    media = tmp_path / "media"
    (media / "dossiers").mkdir(parents=True)
    (media / "dossiers" / "etude.pdf").write_bytes(b"%PDF-1.7 etude")
    settings.MEDIA_ROOT = media
    with connection.cursor() as cursor:
        expected = {table: _rows(cursor, table) for table in TABLES}
    assert len(expected["participation_contribution"]) == 3

    backup = create_backup(tmp_path / "backup")
    restored_media = tmp_path / "restored-media"
    restore_media(backup, restored_media)
    assert (restored_media / "dossiers" / "etude.pdf").read_bytes() == b"%PDF-1.7 etude"

    if connection.vendor == "sqlite":
        target = {"NAME": str(tmp_path / "restored.sqlite3")}
        restore_database(backup, target)
        # Same column conversions as Django's own SQLite connections.
        detect = sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
        with sqlite3.connect(target["NAME"], detect_types=detect) as restored:
            found = {table: _rows(restored.cursor(), table) for table in TABLES}
    else:
        import psycopg

        fresh = f"{connection.settings_dict['NAME']}_restore"
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
            cursor.execute(f'CREATE DATABASE "{fresh}"')
        target = connection.settings_dict | {"NAME": fresh}
        try:
            restore_database(backup, target)
            with psycopg.connect(
                host=target["HOST"], port=target["PORT"], user=target["USER"], dbname=fresh,
                password=target.get("PASSWORD") or None,
                options="-c TimeZone=UTC",  # as Django's own connections
            ) as restored:  # fmt: skip
                found = {table: _rows(restored.cursor(), table) for table in TABLES}
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
    assert found == expected


def test_a_damaged_backup_is_refused(some_data, tmp_path):
    backup = create_backup(tmp_path / "backup")
    with (backup / "media.tar.gz").open("ab") as handle:
        handle.write(b"corruption")
    with pytest.raises(BackupError, match="checksum mismatch"):
        restore_database(backup, {"NAME": str(tmp_path / "x.sqlite3")})
    assert not (tmp_path / "x.sqlite3").exists()
