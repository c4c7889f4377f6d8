"""Database expressions shared by the Atlas's reads and its search index."""

from __future__ import annotations

import json
import re

from django.db import models
from django.db.models import OuterRef, Subquery, TextField, Value


class JoinTexts(models.Aggregate):
    """Texts of a group joined with ``separator``, in the order of ``ordering`` on PostgreSQL
    (``string_agg``); SQLite's ``group_concat`` (before 3.44) takes no order and joins them as it
    reads them: by the index that found them, so in the links' creation order."""

    function = "STRING_AGG"
    output_field = TextField()

    def __init__(self, expression, *, ordering, separator: str = " ", **extra):
        super().__init__(expression, Value(separator), ordering, **extra)

    def _parts(self, compiler):
        return [compiler.compile(part) for part in self.source_expressions]

    def as_postgresql(self, compiler, connection, **extra_context):
        (text, text_params), (separator, separator_params), (ordering, ordering_params) = (
            self._parts(compiler)
        )
        params = (*text_params, *separator_params, *ordering_params)
        return f"STRING_AGG({text}, {separator} ORDER BY {ordering})", params

    def as_sqlite(self, compiler, connection, **extra_context):
        (text, text_params), (separator, separator_params), _ordering = self._parts(compiler)
        return f"GROUP_CONCAT({text}, {separator})", (*text_params, *separator_params)


def joined(through, text, *, ordering, separator: str = " ") -> Subquery:
    """The outer initiative's ``text`` over its rows of the link model ``through``, joined
    (``JoinTexts``): one correlated subquery, an index lookup per initiative."""
    return Subquery(
        through.objects.filter(initiative=OuterRef("pk"))
        .order_by()
        .annotate(group=Value(1))
        .values("group")
        .annotate(joined=JoinTexts(text, ordering=ordering, separator=separator))
        .values("joined")
    )


def values_source(rows: list[tuple], types: list[str], names: list[str] | None = None):
    """PostgreSQL: ``rows`` (tuples of ``len(types)`` values) as a query to select from, one array
    parameter per column (``unnest``), and its parameters: a set-based statement over values that
    are in no table yet. ``names`` names the columns."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(types)
    arrays = ", ".join(f"%s::{kind}[]" for kind in types)
    alias = f" AS v ({', '.join(names)})" if names else ""
    return f"SELECT * FROM unnest({arrays}){alias}", [list(column) for column in columns]


@models.IntegerField.register_lookup
class InList(models.Lookup):
    """``field__in_list=[...]``: ``field IN (...)`` with the list as ONE parameter (an array on
    PostgreSQL, a JSON array on SQLite), however long it is. Django's ``__in`` writes one
    parameter per value: for a thousand keys, building and parsing that statement costs more
    than running it."""

    lookup_name = "in_list"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return ("%s", [[int(v) for v in value]])

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs}::bigint[])", [*lhs_params, *rhs_params]

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, (values,) = self.process_rhs(compiler, connection)
        return f"{lhs} IN (SELECT value FROM json_each({rhs}))", [*lhs_params, json.dumps(values)]


@models.CharField.register_lookup
class Literal(models.Lookup):
    """``field__literal=value``: ``field = 'value'`` with the value written into the statement.

    SQLite uses a partial index (``WHERE state = 'published'``) for a query with ``state = ?``,
    but then checks that condition row by row, reading the table for each index entry: a count
    over a large index reads every row it covers (150 ms instead of 20 for 100,000 published
    initiatives). With the literal, the index's condition is known to hold and is not checked.
    Only plain words are accepted (the values of a set of choices), never user input.
    """

    lookup_name = "literal"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        if not isinstance(self.rhs, str) or not re.fullmatch(r"\w+", self.rhs):
            raise ValueError(f"not a plain word: {self.rhs!r}")
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = '{self.rhs}'", lhs_params
