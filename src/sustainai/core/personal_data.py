"""The registry of personal data: each app names its sources on its configuration
(``personal_data``, ``core.registry``), and a person's export and erasure go through all of them.

A source is a module exposing ``export_personal_data(user) -> dict`` (JSON-serialisable) and
``erase_personal_data(user) -> int`` (how many records were erased or anonymised), and optionally
``SOURCE_NAME`` (default: its app's label) and ``PERSONAL_FIELDS``, the model fields it covers
(``"app_label.Model.field"``; ``tests/core/test_personal_data_coverage.py`` fails for any field
holding a person's account, e-mail address or name that no source names). Erasure anonymises what
must stay for the record (an organisation's consultation answer stays, the person's name and
e-mail go). Sources may find a person's records by their account or by their e-mail address, so
each one is given the user as it was before any erasure began; a source's ``finish_erasure(user)``
runs after every source (the members source anonymises the account itself there).
"""

from __future__ import annotations

import copy
import re
from importlib import import_module
from types import ModuleType

from django.db import transaction
from django.utils import timezone

from sustainai.core.registry import personal_data_sources

ERASED = "(erased)"


def needles(user) -> list[str]:
    """The forms in which text may name the person: their address, full name, and first and last
    names in either order; longest first, so that a longer form is replaced whole."""
    first, last = user.first_name.strip(), user.last_name.strip()
    forms = {user.email, user.full_name.strip()}
    if first and last:
        forms |= {f"{first} {last}", f"{last} {first}", f"{last}, {first}"}
    return sorted({form for form in forms if form}, key=lambda form: (-len(form), form))


def names_person(text: str, user) -> bool:
    return any(_whole_word(needle).search(text) for needle in needles(user))


def scrubbed(text: str, user) -> str:
    """``text`` with each whole-word mention of the person replaced by ``(erased)``."""
    for needle in needles(user):
        text = _whole_word(needle).sub(ERASED, text)
    return text


def _whole_word(needle: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)", re.IGNORECASE)


def sources() -> list[ModuleType]:
    return [import_module(path) for path in personal_data_sources()]


def source_name(module: ModuleType) -> str:
    """The module's ``SOURCE_NAME``, or its app's label: ``sustainai.consultations.personal_data``
    → ``consultations``, ``sustainai.toolkits.transparency.personal_data`` → ``transparency``."""
    from django.apps import apps

    config = apps.get_containing_app_config(module.__name__)
    return getattr(module, "SOURCE_NAME", None) or (
        config.label if config else module.__name__.split(".")[1]
    )


def declared_fields() -> dict[str, str]:
    """Every field a source covers (``"app_label.Model.field"``) → the source's name."""
    return {
        field: source_name(module)
        for module in sources()
        for field in getattr(module, "PERSONAL_FIELDS", ())
    }


def export_all(user) -> dict:
    return {
        "exported_at": timezone.now().isoformat(),
        "sources": {source_name(module): module.export_personal_data(user) for module in sources()},
    }


@transaction.atomic
def erase_all(user) -> dict[str, int]:
    """Erase the person's data from every source, all or nothing; returns counts per source."""
    before = copy.copy(user)
    modules = sources()
    counts = {source_name(module): module.erase_personal_data(before) for module in modules}
    for module in modules:
        finish = getattr(module, "finish_erasure", None)
        if finish is not None:
            counts.update(finish(user))
    return counts
