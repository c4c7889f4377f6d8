"""Database expressions shared by the Atlas's reads and its search index."""

from __future__ import annotations

import json

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
