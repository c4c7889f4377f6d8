"""Every string the platform shows has a French translation: the messages in templates and Python
(extracted afresh, so a string added since the catalogue was last updated counts), and the labels of
the data it ships (topics, the calculator's comparisons). Reads the ``.po`` text, never the compiled
``.mo``, so a stale ``.mo`` neither hides nor invents a gap."""

from __future__ import annotations

import ast
import json
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

import sustainai

PACKAGE = Path(sustainai.__file__).parent
CATALOGUE = PACKAGE / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def parse_po(text: str) -> dict[str, tuple[list[str], bool]]:
    """msgid (with its context, as ``context\\x04msgid``) → (its msgstr forms, fuzzy?); obsolete
    entries (``#~``) are left out, as gettext leaves them out."""
    entries: dict[str, tuple[list[str], bool]] = {}
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        fields: dict[str, str] = {}
        current = ""
        for line in lines:
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                fields[current] += ast.literal_eval(line)
                continue
            keyword, _, rest = line.partition(" ")
            current = keyword
            fields[current] = ast.literal_eval(rest)
        if "msgid" not in fields or fields["msgid"] == "":
            continue
        key = fields["msgid"]
        if "msgctxt" in fields:
            key = f"{fields['msgctxt']}\x04{key}"
        forms = [value for name, value in fields.items() if name.startswith("msgstr")]
        entries[key] = (forms, fuzzy)
    return entries


@pytest.fixture(scope="module")
def fresh_catalogue(tmp_path_factory) -> dict[str, tuple[list[str], bool]]:
    """The French catalogue as ``makemessages`` would leave it now, made in a copy of the package
    so that the repository's catalogue is untouched."""
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext is not installed")
    copy = tmp_path_factory.mktemp("messages") / "sustainai"
    shutil.copytree(
        PACKAGE,
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static", "*.json", "*.csv"),
    )
    cwd = Path.cwd()
    try:
        os.chdir(copy)
        call_command("makemessages", locale=["fr"], verbosity=0, no_obsolete=True)
    finally:
        os.chdir(cwd)
    return parse_po((copy / "locale" / "fr" / "LC_MESSAGES" / "django.po").read_text())


def untranslated(catalogue: dict[str, tuple[list[str], bool]], msgids) -> list[str]:
    gaps = []
    for msgid in msgids:
        entry = catalogue.get(msgid)
        if entry is None:
            gaps.append(f"{msgid!r} (not in the catalogue)")
        elif entry[1]:
            gaps.append(f"{msgid!r} (fuzzy)")
        elif not entry[0] or any(form == "" for form in entry[0]):
            gaps.append(f"{msgid!r} (no French)")
    return gaps


def test_every_message_in_templates_and_python_has_french(fresh_catalogue):
    gaps = untranslated(fresh_catalogue, fresh_catalogue)
    assert gaps == [], f"{len(gaps)} messages without French:\n" + "\n".join(gaps)


def test_the_parser_sees_gaps_and_fuzzy_entries():
    text = (
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
        'msgid "Done"\nmsgstr "Fait"\n\n'
        '#, fuzzy\nmsgid "Open"\nmsgstr "Ouvert"\n\n'
        'msgid "One"\nmsgid_plural "Many"\nmsgstr[0] "Un"\nmsgstr[1] ""\n\n'
        'msgctxt "column"\nmsgid "Estimate"\nmsgstr ""\n"Estim"\n"ation"\n\n'
        '#~ msgid "Gone"\n#~ msgstr ""\n'
    )
    catalogue = parse_po(text)
    assert untranslated(catalogue, ["Done", "Open", "One", "column\x04Estimate", "Gone"]) == [
        "'Open' (fuzzy)",
        "'One' (no French)",
        "'Gone' (not in the catalogue)",
    ]


@pytest.mark.django_db
def test_every_label_of_shipped_data_has_french(fresh_catalogue):
    from sustainai.atlas.models import Topic
    from sustainai.calculator.presentation import SOURCE_WHAT

    labels = list(Topic.objects.values_list("name", flat=True))
    assert len(labels) >= 12
    # Every constant the calculator cites is described in French by its stable id.
    defaults = json.loads((PACKAGE / "footprint" / "data" / "datacentre.json").read_text())
    missing = sorted(set(defaults["defaults"]) - set(SOURCE_WHAT))
    assert missing == [], f"calculator sources without a translatable description: {missing}"
    gaps = untranslated(fresh_catalogue, labels)
    assert gaps == [], f"{len(gaps)} data labels without French:\n" + "\n".join(gaps)
