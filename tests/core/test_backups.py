"""`sustainai backup` and `sustainai restore`, on the suite's database (SQLite, or PostgreSQL when
``DATABASE_URL`` says so): a backup of the shared world restored into a new, empty database holds
every row of every table.

The backup runs in this process (the suite's SQLite database lives in its memory); the restore runs
as the real command in a child process whose ``DATABASE_URL`` names the new database, created for
the test and deleted after it.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.utils import load_backend

from sustainai.atlas.models import InitiativeCountry, Topic
from sustainai.consultations.models import Answer, AnswerItem, ProposedInitiative, QuestionKind
from sustainai.consultations.models import Choice as ConsultationChoice
from sustainai.core.backups import backup_name, backups_in, prune
from sustainai.linkage.models import InitiativeRelation, RelationKind
from sustainai.toolkits.challenges import services as challenges
from sustainai.toolkits.challenges.models import TeamMember
from sustainai.toolkits.foresight.models import SavedScenario
from sustainai.toolkits.models.models import BenchmarkRun
from sustainai.toolkits.pilots.models import Revision as PilotRevision
from sustainai.toolkits.standards import services as roadmap
from sustainai.toolkits.transparency import services as transparency
from sustainai.workstreams.models import Deliverable, Event, EventKind
from tests.factories.atlas import ActorFactory
from tests.factories.consultations import QuestionFactory
from tests.factories.model_library import EntryFactory
from tests.world import INTENSITY, World, build_world

ROOT = Path(__file__).resolve().parents[2]


@contextlib.contextmanager
def empty_database(tmp_path: Path):
    """A new, empty database of the suite's kind: ``(DATABASE_URL, open connection)``."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(tmp_path / "restored.sqlite3")
        url = f"sqlite:///{name}"
    else:
        name = f"sustainai_restore_{uuid.uuid4().hex[:12]}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        credentials = quote(settings["USER"], safe="")
        if settings["PASSWORD"]:
            credentials += ":" + quote(settings["PASSWORD"], safe="")
        url = f"postgres://{credentials}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{name}"
    restored = load_backend(settings["ENGINE"]).DatabaseWrapper(
        {**settings, "NAME": name}, alias="restored"
    )
    try:
        yield url, restored
    finally:
        restored.close()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def run_sustainai(*args: str, database_url: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "SUSTAINAI_VAR_DIR": str(tmp_path / "var"),
        # As a deployment sets it: the start-up check about a local SITE_URL stays quiet.
        "SITE_URL": "https://sustainai.example.org",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    return subprocess.run(
        [sys.executable, "-m", "sustainai", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def fill_what_the_world_leaves_empty(world: World) -> None:
    """A row in each table the shared world leaves empty, so that every table is restored with
    something in it."""
    group = Group.objects.create(name="Editors")
    world.member.groups.add(group)
    world.member.user_permissions.add(Permission.objects.get(codename="view_initiative"))
    # Topics come from a data migration, which an earlier test's flush may have emptied.
    topic, _ = Topic.objects.get_or_create(slug="energy", defaults={"name": "Energy"})
    initiative = world.initiative
    initiative.topics.add(topic)
    initiative.lead_organisations.add(ActorFactory(name="Green Lab"))
    initiative.partner_organisations.add(ActorFactory(name="Blue Lab"))
    InitiativeCountry.objects.create(initiative=initiative, country="FR")
    initiative.save()  # a version whose history copies the relations
    question = QuestionFactory(consultation=world.consultation, kind=QuestionKind.SINGLE)
    choice = ConsultationChoice.objects.create(question=question, label="Energy first")
    answer = Answer.objects.create(
        consultation=world.consultation,
        organisation=world.member_organisation,
        contact_name="Ana Lima",
        contact_email="ana@member.example.org",
    )
    item = AnswerItem.objects.create(answer=answer, question=question)
    item.choices.add(choice)
    ProposedInitiative.objects.create(answer=answer, initiative=initiative, name="Green Inference")
    InitiativeRelation.objects.create(
        source=world.candidate_pair.a, target=world.candidate_pair.b, kind=RelationKind.VERSION_OF
    )
    workstream = world.confirmed_workstream
    Deliverable.objects.create(workstream=workstream, title="Benchmark suite")
    Event.objects.create(
        workstream=workstream,
        name="AI Action Summit",
        kind=EventKind.SUMMIT,
        starts_on=datetime.date(2026, 2, 10),
    )
    world.meeting.attendees.add(world.member_organisation)
    roadmap.change_status(world.standard, "revised", datetime.date(2026, 5, 1))
    other_standard = roadmap.save_standard(
        {"identifier": "ETSI ES 204 135", "title": "Twin", "body": "ETSI", "status": "published"},
        origin="edit",
        workstream=world.standard.workstream,
    )[0]
    roadmap.relate(world.standard, "equivalent-to", other_standard)
    roadmap.save_principles("Measure before you report.")
    transparency.declare_group(world.member_organisation, "Member Holding")
    transparency.grant_reader(world.lead, world.coordinator)
    transparency.report_intensity(world.member_organisation, world.member, INTENSITY)
    transparency.set_band_scale("text-generation", [1, 3, 10, 30, 100, 300], "Test scale")
    transparency.attest(
        world.member_organisation,
        world.lead,
        {
            "metric": "electricity_kwh",
            "year": 2024,
            "standard": "isae-3410",
            "verifier": "Audit & Co",
            "statement": "Limited assurance.",
        },
    )
    SavedScenario.objects.create(
        workstream=workstream, title="Agents x15", query="preset=multi-agent", saved_by=world.member
    )
    challenge = challenges.create_challenge(
        workstream=workstream,
        slug="backup-challenge",
        title="Blobs",
        x_train=[[0.0], [1.0]],
        y_train=[0, 1],
        x_test=[[0.5]],
        y_test=[1],
        summary="Two blobs.",
        rules="One file.",
        energy_budget_wh=1.0,
        min_score=0.5,
        dataset_name="Blobs",
        dataset_source="https://example.org/",
    )
    team = challenges.form_team(challenge, "Blue", world.member)
    TeamMember.objects.create(team=team, email="guest@example.org", token="invitation")
    # An edit of a pilot, kept as its revision.
    PilotRevision.objects.create(
        pilot=world.pending_pilot,
        edited_by=world.member,
        edited_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        state_before="submitted",
        changes=[{"field": "trl", "before": 6, "after": 7}],
    )
    challenges.submit(team, b"def predict(a, b, c):\n    return [1]\n", "p.py", enqueue=False)
    model_entry = EntryFactory(proposed_by=world.member)
    BenchmarkRun.objects.create(entry=model_entry, requested_by=world.lead)


def row_counts(database) -> dict[str, int]:
    with database.cursor() as cursor:
        tables = database.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {database.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def value(database, sql: str, *params):
    with database.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_an_empty_database_holds_every_record(settings, tmp_path):
    world = build_world()
    fill_what_the_world_leaves_empty(world)
    counts = row_counts(connection)
    # One row at least in the table of every model of ours, history tables included (the search
    # documents have a model and a table per backend).
    ours = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_config.name.startswith("sustainai.")
    }
    assert sorted(table for table in ours & counts.keys() if counts[table] == 0) == []

    settings.SUSTAINAI_BACKUP_DIR = tmp_path / "backups"
    out = io.StringIO()
    call_command("backup", stdout=out)
    [backup] = backups_in(tmp_path / "backups")
    assert f"Backup written: {backup}" in out.getvalue()

    with empty_database(tmp_path) as (url, restored):
        done = run_sustainai("restore", str(backup), database_url=url, tmp_path=tmp_path)
        assert (done.returncode, done.stderr) == (0, "")
        assert (
            done.stdout.splitlines()[-1]
            == f"Restored {backup} into {restored.settings_dict['NAME']}."
        )
        assert row_counts(restored) == counts
        assert value(
            restored, "SELECT email FROM accounts_user WHERE id = %s", world.member.pk
        ) == ("member@example.org")
        assert value(
            restored, "SELECT name FROM atlas_initiative WHERE slug = %s", "green-inference"
        ) == ("Green Inference")
        assert value(
            restored, "SELECT body FROM outbox_outboxmail WHERE id = %s", world.outbox_mail.pk
        ) == ("Hello.")
        assert (
            value(
                restored,
                "SELECT COUNT(*) FROM calls_choice WHERE expression_id = %s",
                world.expression.pk,
            )
            == 2
        )

        # A second restore into what is no longer empty is refused, and nothing changes...
        refused = run_sustainai("restore", str(backup), database_url=url, tmp_path=tmp_path)
        assert refused.returncode == 1
        assert refused.stderr.strip() == (
            f"CommandError: The database is not empty ({len(counts)} tables). Restore into an "
            "empty database, or pass --force to replace its contents."
        )
        assert row_counts(restored) == counts
        # ...unless forced, which replaces the contents.
        forced = run_sustainai(
            "restore", "--force", str(backup), database_url=url, tmp_path=tmp_path
        )
        assert (forced.returncode, forced.stderr) == (0, "")
        assert row_counts(restored) == counts


@pytest.mark.django_db
def test_restore_refuses_a_backup_of_another_kind_of_database(tmp_path):
    wrong = tmp_path / "sustainai-20250101T000000Z.sqlite3"
    wrong.write_bytes(b"not a database")
    with pytest.raises(CommandError, match=r"is not a"):
        call_command("restore", str(wrong), "--force")


def test_backups_are_named_with_the_utc_time():
    paris = datetime.timezone(datetime.timedelta(hours=2))
    moment = datetime.datetime(2025, 6, 1, 14, 30, 5, tzinfo=paris)
    assert backup_name("sqlite", moment) == "sustainai-20250601T123005Z.sqlite3"
    assert backup_name("postgresql", moment) == "sustainai-20250601T123005Z.pgdump"


def test_prune_keeps_the_newest_backups_and_nothing_else_is_touched(tmp_path):
    names = [
        "sustainai-20250101T000000Z.sqlite3",
        "sustainai-20250102T000000Z.sqlite3",
        "sustainai-20250103T000000Z.pgdump",
        "sustainai-20250104T000000Z.sqlite3",
        "sustainai-20250105T000000Z.sqlite3.partial",
        "notes.txt",
    ]
    for name in names:
        (tmp_path / name).write_text("x")
    assert [p.name for p in prune(tmp_path, 2)] == names[:2]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[2:])


@pytest.mark.django_db
def test_backup_keep_must_be_positive(tmp_path):
    with pytest.raises(CommandError, match=r"^--keep must be at least 1\.$"):
        call_command("backup", "--dir", str(tmp_path), "--keep", "0")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db(transaction=True)
def test_backup_with_keep_removes_the_oldest_and_reports_progress(tmp_path):
    old = tmp_path / "sustainai-20000101T000000Z.sqlite3"
    old.write_text("x")
    out = io.StringIO()
    call_command("backup", "--dir", str(tmp_path), "--keep", "1", stdout=out)
    [backup] = backups_in(tmp_path)
    assert backup != old and not old.exists()
    lines = out.getvalue().splitlines()
    assert lines[-1] == f"Removed old backup: {old}"
    assert lines[-2].startswith(f"Backup written: {backup} (")
    if connection.vendor == "sqlite":
        assert lines[-3].endswith(" pages (100%)")
    else:
        assert any(line.startswith("  pg_dump: dumping contents of table") for line in lines)
