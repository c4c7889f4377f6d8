"""Backups of the database and their restore, on each database's own tools.

SQLite: the online backup API (``sqlite3.Connection.backup``), which copies a consistent snapshot
page by page while the web process and the worker keep writing. PostgreSQL: ``pg_dump`` in its
custom format and ``pg_restore``, which every PostgreSQL operator knows and which restore without
this platform installed. A backup is one file, ``sustainai-<UTC timestamp>.sqlite3`` or
``.pgdump``, written under a temporary name and renamed when complete, so that a file with a
backup's name is always whole.

Restore goes into an empty database (no table at all) unless told to replace what is there.
"""

from __future__ import annotations

import datetime
import os
import re
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

from django.db.backends.base.base import BaseDatabaseWrapper

Report = Callable[[str], None]

SUFFIXES = {"sqlite": ".sqlite3", "postgresql": ".pgdump"}
BACKUP_NAME = re.compile(r"sustainai-\d{8}T\d{6}Z\.(sqlite3|pgdump)")
# The first bytes of each kind of file: a SQLite database, a pg_dump archive in custom format.
MAGIC = {"sqlite": b"SQLite format 3\x00", "postgresql": b"PGDMP"}
# SQLite pages copied per step of the online backup (4 MiB at the default page size).
PAGES_PER_STEP = 1024


class BackupError(Exception):
    pass


def backup_name(vendor: str, now: datetime.datetime) -> str:
    stamp = now.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"sustainai-{stamp}{SUFFIXES[vendor]}"


def _vendor(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in SUFFIXES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def create_backup(
    connection: BaseDatabaseWrapper,
    directory: Path,
    *,
    report: Report,
    now: datetime.datetime | None = None,
) -> Path:
    """Back the database up into a new file under ``directory``; returns its path."""
    vendor = _vendor(connection)
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / backup_name(vendor, now or datetime.datetime.now(datetime.UTC))
    if target.exists():
        raise BackupError(f"{target} already exists.")
    partial = target.with_name(target.name + ".partial")
    try:
        if vendor == "sqlite":
            _sqlite_copy(connection, partial, report)
        else:
            _run(
                ["pg_dump", "--format=custom", f"--file={partial}", "--verbose"], connection, report
            )
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def backups_in(directory: Path) -> list[Path]:
    """The backups in ``directory``, oldest first (their names sort by time)."""
    if not directory.is_dir():
        return []
    return sorted(path for path in directory.iterdir() if BACKUP_NAME.fullmatch(path.name))


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest backups; returns the deleted files."""
    if keep < 1:
        raise BackupError("Keep at least one backup.")
    doomed = backups_in(directory)[:-keep]
    for path in doomed:
        path.unlink()
    return doomed


def database_tables(connection: BaseDatabaseWrapper) -> list[str]:
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def restore_backup(
    connection: BaseDatabaseWrapper, path: Path, *, report: Report, force: bool = False
) -> None:
    """Restore the backup at ``path`` into the database. An empty database (no table) is required
    unless ``force``, which replaces the tables the backup holds."""
    vendor = _vendor(connection)
    with path.open("rb") as backup:
        magic = backup.read(len(MAGIC[vendor]))
    if magic != MAGIC[vendor]:
        kinds = {"sqlite": "a SQLite database", "postgresql": "a pg_dump archive (custom format)"}
        raise BackupError(f"{path} is not {kinds[vendor]}: the database is {vendor}.")
    tables = database_tables(connection)
    if tables and not force:
        raise BackupError(
            f"The database is not empty ({len(tables)} tables). Restore into an empty database, "
            "or pass --force to replace its contents."
        )
    if vendor == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            _sqlite_copy_between(source, connection, report)
        finally:
            source.close()
    else:
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
        command += ["--single-transaction", "--verbose"]
        if force:
            command += ["--clean", "--if-exists"]
        _run([*command, str(path)], connection, report)


def _sqlite_copy(connection: BaseDatabaseWrapper, path: Path, report: Report) -> None:
    destination = sqlite3.connect(path)
    try:
        connection.ensure_connection()
        _report_pages(connection.connection.backup, destination, report)
    finally:
        destination.close()


def _sqlite_copy_between(
    source: sqlite3.Connection, connection: BaseDatabaseWrapper, report: Report
) -> None:
    connection.ensure_connection()
    _report_pages(source.backup, connection.connection, report)


def _report_pages(backup, destination: sqlite3.Connection, report: Report) -> None:
    def progress(status: int, remaining: int, total: int) -> None:
        done = total - remaining
        report(f"{done}/{total} pages ({100 * done // max(total, 1)}%)")

    backup(destination, pages=PAGES_PER_STEP, progress=progress)


def _run(command: list[str], connection: BaseDatabaseWrapper, report: Report) -> None:
    """Run ``pg_dump`` or ``pg_restore`` (``command`` without its connection arguments) against
    the connection's database, passing its ``--verbose`` lines on as progress; the password goes
    in the environment, never in the arguments."""
    settings = connection.settings_dict
    options = settings.get("OPTIONS", {})
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    for option, variable in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        if options.get(option):
            env[variable] = str(options[option])
    arguments = [f"--dbname={settings['NAME']}"]
    for key, flag in (("HOST", "--host"), ("PORT", "--port"), ("USER", "--username")):
        if settings.get(key):
            arguments.append(f"{flag}={settings[key]}")
    process = subprocess.Popen(
        [command[0], *arguments, *command[1:]],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stderr is not None
    lines = []
    for line in process.stderr:
        lines.append(line.rstrip())
        report(line.rstrip())
    if process.wait() != 0:
        detail = "\n".join(lines[-5:])
        raise BackupError(f"{command[0]} failed (exit status {process.returncode}):\n{detail}")
