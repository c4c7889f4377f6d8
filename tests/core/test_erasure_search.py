"""After erasure, no column of any table names the person: every value of every row of every table
of the database (history tables and Django's own, the admin log and sessions included) is read
and searched for their address, full name, first and last names as whole words.
"""

from __future__ import annotations

import json

import pytest
from django.contrib.sessions.models import Session
from django.db import connection

from sustainai.core import personal_data
from tests.erasure import PERSON
from tests.factories.atlas import InitiativeFactory

pytestmark = pytest.mark.django_db


def as_text(value) -> str:
    if isinstance(value, memoryview | bytes):
        return bytes(value).decode("utf-8", errors="replace")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def values_naming_the_person() -> list[tuple[str, str, str]]:
    """``(table, column, value)`` for every value in the database that names the person."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [
                column.name
                for column in connection.introspection.get_table_description(cursor, table)
            ]
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = as_text(value)
                    if PERSON.search(text):
                        found.append((table, column, text))
    return found


def test_the_search_finds_the_person_before_erasure(person_everywhere):
    tables = {table for table, _column, _value in values_naming_the_person()}
    assert {
        "accounts_user",
        "atlas_historicalinitiative",
        "members_historicalorganisation",
        "django_admin_log",
        "outbox_outboxmail",
    } <= tables


def test_after_erasure_no_table_names_the_person(person_everywhere):
    personal_data.erase_all(person_everywhere)
    assert values_naming_the_person() == []


def test_erasure_ends_the_persons_sessions_and_no_one_elses(person_everywhere, client):
    other = Session.objects.create(
        session_key="other-visitor", session_data="", expire_date="2999-01-01T00:00:00Z"
    )
    assert Session.objects.count() == 2
    personal_data.erase_all(person_everywhere)
    assert list(Session.objects.values_list("session_key", flat=True)) == [other.session_key]


def test_a_contact_naming_the_person_among_other_words_is_cleared_and_a_longer_name_stays(
    person_everywhere,
):
    theirs = InitiativeFactory(contact="Rita Sousa (CEO, Helios)")
    someone_else = InitiativeFactory(contact="Rita Sousan <office@sousan.example.org>")
    personal_data.erase_all(person_everywhere)
    theirs.refresh_from_db()
    someone_else.refresh_from_db()
    assert (theirs.contact, someone_else.contact) == ("", "Rita Sousan <office@sousan.example.org>")
    assert [version.contact for version in theirs.history.all()] == [""]
