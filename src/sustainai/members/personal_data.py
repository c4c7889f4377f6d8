"""The registry of personal data: every app that stores personal data contributes one source.

A source is a module exposing ``export_personal_data(user) -> dict`` (JSON-serialisable) and
``erase_personal_data(user) -> int`` (how many records were erased or anonymised). Erasure
anonymises what must stay for the record (an organisation's consultation answer stays, the person's
name and e-mail go). Sources may find a person's records by their account or by their e-mail
address, so each one is given the user as it was before any erasure began; the account itself is
anonymised last, by ``erase_all``.
"""

from __future__ import annotations

import copy
from importlib import import_module

from django.db import transaction
from django.utils import timezone

SOURCES = [
    "sustainai.members.personal_data_members",
    "sustainai.members.personal_data_outbox",
    "sustainai.consultations.personal_data",
    "sustainai.calls.personal_data",
    "sustainai.atlas.personal_data",
]


def source_name(module_path: str) -> str:
    """The module's ``SOURCE_NAME``, or its app: ``sustainai.consultations.personal_data`` →
    ``consultations``."""
    return getattr(import_module(module_path), "SOURCE_NAME", module_path.split(".")[1])


def export_all(user) -> dict:
    return {
        "exported_at": timezone.now().isoformat(),
        "sources": {
            source_name(path): import_module(path).export_personal_data(user) for path in SOURCES
        },
    }


@transaction.atomic
def erase_all(user) -> dict[str, int]:
    """Erase the person's data from every source, all or nothing; returns counts per source."""
    from sustainai.members.personal_data_members import anonymise_account

    before = copy.copy(user)
    counts = {
        source_name(path): import_module(path).erase_personal_data(before) for path in SOURCES
    }
    counts["account"] = anonymise_account(user)
    return counts
