import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from sustainai.atlas.importing import import_initiatives, parse_mapping
from sustainai.atlas.models import Actor, Initiative, InitiativeCountry, ModerationState
from tests.factories.atlas import InitiativeFactory

pytestmark = pytest.mark.django_db

MESSY_HEADER = ["Title", "Acronym", "Description", "URL", "Lead_Orgs", "Partners", "Type",
                "Country_or_Region", "Year", "Topics", "Status"]  # fmt: skip
MESSY_ROWS = [
    ["Green Algorithms", "GA", "Carbon calculator", "www.green-algorithms.org",
     "University of Cambridge", "", "Online calculator", "UK", "2020", "carbon; energy",
     "ongoing"],
    ["Frugal AI standard", "", "", "https://frugal.example.org", "AFNOR", "Inria, CNRS",
     "Norme", "International (France-led)", "2023-05", "IA frugale", "en cours"],
    ["Euro Watch", "", "", "", "JRC", "", "Observatoire", "EU", 2021.0, "", "planned"],
    ["Allemagne project", "", "", "", "", "", "Gizmo", "France / International", "", "", ""],
    ["Two countries", "", "", "", "", "", "report", "Allemagne, USA", "", "", "completed"],
]  # fmt: skip


def csv_bytes(header, rows, delimiter=",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def xlsx_bytes(header, rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_messy_csv_is_normalised_and_published():
    report = import_initiatives(csv_bytes(MESSY_HEADER, MESSY_ROWS), filename="messy.csv")
    assert report.errors == []
    assert (report.rows, report.created, report.unchanged) == (5, 5, 0)
    assert [str(w) for w in report.warnings] == [
        "Row 5, column “Type”: type “Gizmo” is unknown: recorded as other"
    ]
    green = Initiative.objects.get(name="Green Algorithms")
    assert green.state == ModerationState.PUBLISHED
    assert green.published_at is not None
    assert (green.website, green.type, green.start_year, green.status) == (
        "https://www.green-algorithms.org",
        "tool",
        2020,
        "active",
    )
    assert green.aliases == ["GA"]
    assert green.description == "Carbon calculator"
    assert sorted(t.slug for t in green.topics.all()) == ["carbon", "energy"]
    assert green.imported_from == "messy.csv"
    assert len(green.import_key) == 64
    assert green.history.get().history_change_reason == "Imported from messy.csv"

    frugal = Initiative.objects.get(name="Frugal AI standard")
    assert (frugal.type, frugal.scope, frugal.start_year) == ("standard", "international", 2023)
    assert [c.country.code for c in frugal.country_links.all()] == ["FR"]
    assert sorted(a.name for a in frugal.partner_organisations.all()) == ["CNRS", "Inria"]
    assert [t.slug for t in frugal.topics.all()] == ["frugal-ai"]

    euro = Initiative.objects.get(name="Euro Watch")
    assert (euro.type, euro.scope, euro.regions, euro.start_year, euro.status) == (
        "observatory",
        "regional",
        ["EU"],
        2021,
        "planned",
    )
    other = Initiative.objects.get(name="Allemagne project")
    assert (other.type, other.scope) == ("other", "international")
    two = Initiative.objects.get(name="Two countries")
    assert sorted(c.country.code for c in two.country_links.all()) == ["DE", "US"]
    assert two.scope == "international"


def test_reimporting_the_same_file_changes_nothing():
    data = csv_bytes(MESSY_HEADER, MESSY_ROWS)
    import_initiatives(data, filename="messy.csv")
    before = (Initiative.objects.count(), Actor.objects.count(), InitiativeCountry.objects.count())
    history = Initiative.history.count()
    report = import_initiatives(data, filename="messy.csv")
    assert (report.created, report.unchanged) == (0, 5)
    assert (
        Initiative.objects.count(),
        Actor.objects.count(),
        InitiativeCountry.objects.count(),
    ) == before
    assert Initiative.history.count() == history


def test_an_entry_already_in_the_atlas_by_name_and_website_is_left_alone():
    InitiativeFactory(name="Green  algorithms", website="http://green-algorithms.org/")
    report = import_initiatives(csv_bytes(MESSY_HEADER, MESSY_ROWS[:1]), filename="a.csv")
    assert (report.created, report.unchanged) == (0, 1)
    assert Initiative.objects.count() == 1


def test_any_error_imports_nothing_and_each_error_names_row_column_and_reason():
    rows = [
        *MESSY_ROWS,
        ["", "", "", "", "", "", "", "", "", "", ""],  # blank row: skipped
        ["", "X", "", "", "", "", "", "", "", "", ""],
        ["Bad", "", "", "not a url", "", "", "", "Atlantis", "soon", "", "paused"],
    ]
    report = import_initiatives(csv_bytes(MESSY_HEADER, rows), filename="bad.csv")
    assert [str(e) for e in report.errors] == [
        "Row 8, column “Title”: the name is empty",
        "Row 9, column “Country_or_Region”: “Atlantis” is not a country or region",
        "Row 9, column “Year”: 'soon' is not a year (write it as 2023, 2023-05 or 2023-05-01)",
        "Row 9, column “Status”: 'paused' is not a status (use planned, active or completed)",
        "Row 9, column “URL”: 'not a url' is not a web address",
    ]
    assert report.created == 0
    assert Initiative.objects.count() == 0
    assert Actor.objects.count() == 0


def test_dry_run_writes_nothing_but_counts():
    report = import_initiatives(
        csv_bytes(MESSY_HEADER, MESSY_ROWS), filename="messy.csv", dry_run=True
    )
    assert (report.to_create, report.created) == (5, 0)
    assert [p["name"] for p in report.preview][:2] == ["Green Algorithms", "Frugal AI standard"]
    assert Initiative.objects.count() == 0


def test_as_submitted_queues_for_moderation():
    report = import_initiatives(
        csv_bytes(MESSY_HEADER, MESSY_ROWS), filename="m.csv", as_submitted=True, source="Survey"
    )
    assert report.created == 5
    assert set(Initiative.objects.values_list("state", "imported_from")) == {
        ("submitted", "Survey")
    }
    assert Initiative.objects.filter(published_at__isnull=False).count() == 0


def test_repeated_rows_in_a_file_are_imported_once():
    report = import_initiatives(
        csv_bytes(MESSY_HEADER, [MESSY_ROWS[0], MESSY_ROWS[0]]), filename="twice.csv"
    )
    assert (report.created, report.repeated) == (1, 1)
    assert [str(w) for w in report.warnings] == ["Row 3: same initiative as row 2: imported once"]


def test_mapping_reads_unusual_columns_and_unknown_columns_are_reported():
    data = csv_bytes(["Projet", "Pays", "Notes"], [["Sobriété numérique", "Belgique", "x"]], ";")
    report = import_initiatives(data, filename="fr.csv")
    assert [str(e) for e in report.errors] == [
        "No column gives the initiatives' names (expected one of name, title, initiative, "
        "initiative_name…; or map one with --map COLUMN=name)."
    ]
    report = import_initiatives(
        data, filename="fr.csv", mapping=parse_mapping(["Projet=name", "Notes=ignore"])
    )
    assert report.errors == []
    assert report.columns == {"Projet": "name", "Pays": "countries", "Notes": None}
    created = Initiative.objects.get()
    assert (created.name, [c.country.code for c in created.country_links.all()]) == (
        "Sobriété numérique",
        ["BE"],
    )


def test_parse_mapping_refuses_unknown_fields():
    with pytest.raises(ValueError, match="“colour” is not a field"):
        parse_mapping(["Couleur=colour"])
    with pytest.raises(ValueError, match="is not COLUMN=FIELD"):
        parse_mapping(["Couleur"])


def test_xlsx_with_numbers_and_dates_is_imported():
    import datetime

    rows = [
        ["Zeus", "https://ml.energy/zeus", "USA", 2022.0, "Tool"],
        ["Dated", "", "FR", datetime.datetime(2019, 3, 1), "Report"],
    ]
    data = xlsx_bytes(["Name", "Website", "Country", "Start year", "Type"], rows)
    report = import_initiatives(data, filename="list.xlsx")
    assert report.errors == []
    assert sorted(Initiative.objects.values_list("name", "start_year", "type")) == [
        ("Dated", 2019, "report"),
        ("Zeus", 2022, "tool"),
    ]


def test_json_list_with_lists_in_cells():
    document = {
        "initiatives": [
            {"title": "CodeCarbon", "countries": ["CA", "FRA"], "topics": ["carbon"]},
            {"title": "Broken", "year": "next year"},
        ]
    }
    report = import_initiatives(json.dumps(document).encode(), filename="list.json")
    assert [str(e) for e in report.errors] == [
        "Item 2, column “year”: 'next year' is not a year (write it as 2023, 2023-05 or 2023-05-01)"
    ]
    document["initiatives"].pop()
    report = import_initiatives(json.dumps(document).encode(), filename="list.json")
    codecarbon = Initiative.objects.get()
    assert sorted(c.country.code for c in codecarbon.country_links.all()) == ["CA", "FR"]
    assert codecarbon.scope == "international"


def test_unreadable_files_are_refused_clearly():
    report = import_initiatives(b"{not json", filename="x.json")
    assert [str(e) for e in report.errors] == [
        "The file cannot be read: the JSON is invalid (line 1: Expecting property name "
        "enclosed in double quotes)."
    ]
    report = import_initiatives(b"a", filename="x.pdf")
    assert [str(e) for e in report.errors] == [
        "The file cannot be read: the file must be .csv, .tsv, .xlsx or .json."
    ]


def test_windows_1252_csv_is_decoded():
    data = "name;country\nSobriété;Côte d'Ivoire\n".encode("cp1252")
    report = import_initiatives(data, filename="legacy.csv")
    assert report.errors == []
    created = Initiative.objects.get()
    assert created.name == "Sobriété"
    assert [c.country.code for c in created.country_links.all()] == ["CI"]


def test_command_imports_and_reports(tmp_path, capsys):
    path = tmp_path / "messy.csv"
    path.write_bytes(csv_bytes(MESSY_HEADER, MESSY_ROWS))
    call_command("import_initiatives", str(path), "--dry-run")
    assert Initiative.objects.count() == 0
    call_command("import_initiatives", str(path), "--source", "Coalition survey 2025")
    out = capsys.readouterr()
    assert "5 initiative(s) published; 0 already in the Atlas" in out.out
    assert "warning: Row 5, column “Type”: type “Gizmo” is unknown: recorded as other" in out.err
    assert Initiative.objects.filter(imported_from="Coalition survey 2025").count() == 5


def test_command_fails_on_errors_and_imports_nothing(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(["name", "year"], [["Fine", "2020"], ["Bad", "never"]]))
    with pytest.raises(CommandError, match=r"1 error\(s\) in bad.csv: nothing was imported."):
        call_command("import_initiatives", str(path))
    assert "error: Row 3, column “year”: 'never' is not a year" in capsys.readouterr().err
    assert Initiative.objects.count() == 0


def test_command_map_option(tmp_path):
    path = tmp_path / "fr.csv"
    path.write_bytes(csv_bytes(["Projet", "Pays"], [["Numérique responsable", "France"]]))
    call_command("import_initiatives", str(path), "--map", "Projet=name", "--as-submitted")
    assert Initiative.objects.get().state == ModerationState.SUBMITTED


def test_import_page_previews_then_imports(coordinator_client, coordinator):
    upload = SimpleUploadedFile("messy.csv", csv_bytes(MESSY_HEADER, MESSY_ROWS))
    response = coordinator_client.post(reverse("atlas:import"), {"file": upload})
    assert response.status_code == 200
    report = response.context["report"]
    assert (report.dry_run, report.to_create) == (True, 5)
    assert Initiative.objects.count() == 0
    token = response.context["token"]
    response = coordinator_client.post(reverse("atlas:import"), {"token": token})
    assert response.status_code == 302
    assert Initiative.objects.count() == 5
    assert set(Initiative.objects.values_list("submitted_by", flat=True)) == {coordinator.pk}
    # The stored upload is gone: confirming twice imports nothing more.
    response = coordinator_client.post(reverse("atlas:import"), {"token": token})
    assert response.status_code == 302
    assert Initiative.objects.count() == 5


def test_import_page_shows_errors_and_offers_no_confirmation(coordinator_client):
    upload = SimpleUploadedFile("bad.csv", csv_bytes(["name", "year"], [["Bad", "never"]]))
    response = coordinator_client.post(reverse("atlas:import"), {"file": upload})
    assert response.status_code == 200
    assert "token" not in response.context
    assert "Row 2, column “year”: &#x27;never&#x27; is not a year" in response.content.decode()


def test_import_page_refuses_a_forged_token(coordinator_client):
    response = coordinator_client.post(reverse("atlas:import"), {"token": "forged"})
    assert response.status_code == 302
    assert Initiative.objects.count() == 0


def _documents():
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT initiative_id, names::text, head::text, document::text "
                "FROM atlas_initiative_search "
                "ORDER BY initiative_id"
            )
        else:
            cursor.execute(
                "SELECT d.rowid, d.name, d.aliases, d.summary, d.organisations, d.description, "
                "h.name, h.aliases, h.summary, h.organisations FROM atlas_initiative_fts d "
                "LEFT JOIN atlas_initiative_fts_head h ON h.rowid = d.rowid ORDER BY d.rowid"
            )
        return cursor.fetchall()


def test_imported_search_documents_are_those_reindexing_writes():
    from sustainai.atlas.search.fulltext import reindex

    # A known organisation spelled otherwise in the file: documents hold its recorded name.
    Actor.objects.create(name="Université de Cambridge", normalized_name="university of cambridge")
    rows = [
        ["Green Algorithms", "GA; Algorithmes verts", "Carbon calculator of éco-conception",
         "www.green-algorithms.org", "University of Cambridge; Ministère de la Culture",
         "EMBL-EBI", "tool", "UK", "2020", "carbon", "active"],
        ["Frugal AI standard", "", "A standard", "https://frugal.example.org", "AFNOR",
         "Inria, CNRS", "standard", "FR", "2023", "", ""],
    ]  # fmt: skip
    report = import_initiatives(csv_bytes(MESSY_HEADER, rows), filename="documents.csv")
    assert report.created == 2
    imported = _documents()

    reindex()

    assert len(imported) == 2
    assert _documents() == imported


def test_imported_facet_documents_are_those_refreshing_writes():
    from sustainai.atlas.search import facets

    import_initiatives(csv_bytes(MESSY_HEADER, MESSY_ROWS), filename="facets.csv")
    ids = sorted(Initiative.objects.values_list("pk", flat=True))
    imported = [facets.document(pk) for pk in ids]

    facets.refresh()

    assert all(imported)
    assert [facets.document(pk) for pk in ids] == imported
    first = Initiative.objects.get(pk=ids[0])
    assert facets.document(first.pk) == sorted(
        [f"type:{first.type}", f"status:{first.status}", f"scope:{first.scope}"]
        + ([f"year:{first.start_year}"] if first.start_year else [])
        + [f"region:{code}" for code in first.regions]
        + [f"country:{link.country}" for link in first.country_links.all()]
        + [f"topic:{topic.slug}" for topic in first.topics.all()]
    )


def test_imported_keys_follow_every_key_ever_used():
    kept = InitiativeFactory(name="Kept")
    InitiativeFactory(name="Deleted").delete()  # its key is not given again

    import_initiatives(csv_bytes(MESSY_HEADER, MESSY_ROWS[:2]), filename="keys.csv")

    keys = sorted(Initiative.objects.exclude(pk=kept.pk).values_list("pk", flat=True))
    assert keys == [kept.pk + 2, kept.pk + 3]
    assert sorted(Initiative.history.filter(history_type="+").values_list("id", flat=True)) == [
        kept.pk,
        kept.pk + 1,
        kept.pk + 2,
        kept.pk + 3,
    ]


def test_rows_written_while_the_file_is_checked_are_undone_by_a_later_error(monkeypatch):
    from sustainai.atlas import importing

    monkeypatch.setattr(importing, "WRITE_BATCH", 2)  # write every two checked rows
    rows = [[f"Entry {i}", "", "", "", "Org", "", "tool", "FR", "2020", "", ""] for i in range(5)]
    rows.append(["Broken", "", "", "", "", "", "tool", "Atlantis", "2020", "", ""])

    report = import_initiatives(csv_bytes(MESSY_HEADER, rows), filename="late-error.csv")

    assert [str(e) for e in report.errors] == [
        "Row 7, column “Country_or_Region”: “Atlantis” is not a country or region"
    ]
    assert report.created == 0
    assert (Initiative.objects.count(), Actor.objects.count()) == (0, 0)
    assert Initiative.history.count() == 0


def test_a_file_written_in_several_batches_keeps_every_link(monkeypatch):
    from sustainai.atlas import importing
    from sustainai.atlas.search.fulltext import search

    monkeypatch.setattr(importing, "WRITE_BATCH", 2)
    rows = [
        [f"Entry {i}", "", f"About {i}", "", f"Org {i % 2}", "Partner", "tool", "FR, DE", "2020",
         "energy", ""]
        for i in range(5)
    ]  # fmt: skip

    report = import_initiatives(csv_bytes(MESSY_HEADER, rows), filename="batches.csv")

    assert (report.errors, report.created) == ([], 5)
    entries = Initiative.objects.order_by("name").prefetch_related(
        "lead_organisations", "partner_organisations", "country_links", "topics"
    )
    assert [
        (
            e.name,
            [a.name for a in e.lead_organisations.all()],
            [a.name for a in e.partner_organisations.all()],
            sorted(c.country.code for c in e.country_links.all()),
            [t.slug for t in e.topics.all()],
        )
        for e in entries
    ] == [(f"Entry {i}", [f"Org {i % 2}"], ["Partner"], ["DE", "FR"], ["energy"]) for i in range(5)]
    assert Actor.objects.count() == 3
    assert list(search(Initiative.objects.all(), "about 3").values_list("name", flat=True)) == [
        "Entry 3"
    ]


def test_an_error_while_writing_reaches_the_caller_and_writes_nothing():
    from sustainai.atlas.importing.writer import BatchWriter

    written = []
    writer = BatchWriter(source="broken", by=None, as_submitted=False, advance=written.append)
    writer.put([(2, {"name": "No other field"}, "key")])  # not a checked row

    with pytest.raises(KeyError):
        writer.finish()
    assert (written, Initiative.objects.count()) == ([], 0)


def test_an_error_copying_the_last_search_documents_reaches_the_caller():
    from django.db import IntegrityError, connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL copies search documents after the rows (SQLite reindexes them)")
    before = InitiativeFactory(name="Before")
    with connection.cursor() as cursor:  # a stray document where the next key will go
        cursor.execute(
            "INSERT INTO atlas_initiative_search (initiative_id, names, head, document) "
            "VALUES (%s, '', '', '')",
            [before.pk + 1],
        )

    with pytest.raises(IntegrityError):
        import_initiatives(csv_bytes(MESSY_HEADER, MESSY_ROWS[:1]), filename="clash.csv")


def test_a_control_character_refuses_the_whole_file_naming_row_and_column():
    data = csv_bytes(
        ["name", "summary"], [["Fine", "ok"], ["Bad\x00name", "ok"], ["Also", "a\x1bb"]]
    )
    report = import_initiatives(data, filename="nul.csv")
    assert [str(e) for e in report.errors] == [
        "Row 3, column “name”: holds the control character U+0000, which cannot be stored",
        "Row 4, column “summary”: holds the control character U+001B, which cannot be stored",
    ]
    assert Initiative.objects.count() == 0


def test_control_characters_inside_json_lists_are_found():
    data = json.dumps([{"name": "A", "topics": ["energy", "x\x7f"]}]).encode()
    report = import_initiatives(data, filename="x.json")
    assert [str(e) for e in report.errors] == [
        "Item 1, column “topics”: holds the control character U+007F, which cannot be stored"
    ]


def test_utf16_files_with_a_byte_order_mark_are_decoded():
    data = "name\tcountry\nSobriété\tFrance\n".encode("utf-16")
    report = import_initiatives(data, filename="excel.txt")
    assert report.errors == []
    assert Initiative.objects.get().name == "Sobriété"


def test_bytes_windows_1252_does_not_define_are_refused_not_stored_as_control_characters():
    data = b"name\nGreen \x81AI\n"
    report = import_initiatives(data, filename="odd.csv")
    assert [str(e) for e in report.errors] == [
        "The file cannot be read: the text is neither UTF-8, UTF-16 nor Windows-1252 (byte 0x81 "
        "at position 11); save it as UTF-8."
    ]
    assert Initiative.objects.count() == 0


def test_deeply_nested_json_is_refused_clearly(tmp_path):
    report = import_initiatives(b"[" * 100_000 + b"]" * 100_000, filename="deep.json")
    assert [str(e) for e in report.errors] == [
        "The file cannot be read: the JSON is nested more than 32 levels deep or holds a number "
        "out of range (over 40 digits, or not finite)."
    ]
    path = tmp_path / "deep.json"
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(CommandError):
        call_command("import_initiatives", str(path))


def test_an_xlsx_zip_bomb_is_refused_before_it_is_opened():
    import zipfile

    from sustainai.atlas.importing import reader

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (reader.MAX_XLSX_UNCOMPRESSED + 1))
    assert len(buffer.getvalue()) < 200_000
    report = import_initiatives(buffer.getvalue(), filename="bomb.xlsx")
    assert [str(e) for e in report.errors] == [
        "The file cannot be read: the workbook unzips to 100 MB, more than the 100 MB an import "
        "takes."
    ]


def test_the_import_page_refuses_a_file_over_the_size_limit(coordinator_client, settings):
    settings.ATLAS_IMPORT_MAX_BYTES = 100
    upload = SimpleUploadedFile("big.csv", b"name\n" + b"x" * 200)
    response = coordinator_client.post(reverse("atlas:import"), {"file": upload})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "file": ["The file is 205\xa0bytes; an import takes at most 100\xa0bytes."]
    }
    assert Initiative.objects.count() == 0
