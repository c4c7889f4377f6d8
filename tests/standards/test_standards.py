"""The standards roadmap: import, matrix, editions, API, permissions, demo, panel, equivalences."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from sustainai.core import registry
from sustainai.toolkits.standards import demo, importing, selectors, services
from sustainai.toolkits.standards.models import Change, Edition, Relation, Standard, StatusEvent
from sustainai.workstreams.models import ParticipantRole
from tests.factories.accounts import CoordinatorFactory, MemberUserFactory
from tests.factories.members import OrganisationFactory
from tests.factories.workstreams import ParticipantFactory, WorkstreamFactory

pytestmark = pytest.mark.django_db

HEADER = "body,identifier,title,status,date,scope,lifecycle_phases,url,remarks\n"


@pytest.fixture
def workstream():
    return WorkstreamFactory(slug="standardization-roadmap")


def write(tmp_path, text, name="standards.csv"):
    path = tmp_path / name
    path.write_text(HEADER + text, encoding="utf-8")
    return path


def test_import_maps_free_text_and_is_idempotent(workstream, tmp_path):
    path = write(
        tmp_path,
        "ITU-T SG5,ITU-T L.1801,AI footprint method,published (in force),2026-02-06,"
        '"energy; GHG; data-centres","training; inference",https://www.itu.int/rec/T-REC-L.1801,x\n'
        "IEEE SA,IEEE P7100,Measurement of AI footprint,under development,2024,water,all,,y\n",
    )
    result = services.import_file(path)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    assert result.warnings == [
        "ignored column(s): remarks",
        "row 2, column scope: unknown dimension 'data-centres'",
    ]
    l1801 = Standard.objects.get(identifier="ITU-T L.1801")
    assert l1801.status == "published"
    assert l1801.date.isoformat() == "2026-02-06"
    assert l1801.dimensions == ["energy", "carbon"]
    assert l1801.phases == ["design-development", "operation-monitoring"]
    assert l1801.workstream == workstream
    again = services.import_file(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Change.objects.count() == 2


def test_import_records_a_status_change(workstream, tmp_path):
    services.import_file(write(tmp_path, "IEEE SA,IEEE P7100,M,in development,2024,water,all,,\n"))
    result = services.import_file(
        write(tmp_path, "IEEE SA,IEEE P7100,M,published,2026-03,water,all,,\n", "b.csv")
    )
    assert (result.created, result.updated) == (0, 1)
    assert result.status_changes == ["IEEE P7100: in-development → published"]
    events = list(StatusEvent.objects.values_list("status", "date"))
    assert [(s, d.isoformat()) for s, d in events] == [
        ("in-development", "2024-01-01"),
        ("published", "2026-03-01"),
    ]
    change = Change.objects.order_by("pk").last()
    assert change.fields == {
        "status": ["in-development", "published"],
        "date": ["2024-01-01", "2026-03-01"],
    }


def test_bad_rows_are_named_and_nothing_is_written(workstream, tmp_path):
    path = write(
        tmp_path,
        "ISO,ISO 1,One,published,2020,energy,all,,\n"
        "ISO,,No identifier,published,2020,energy,all,,\n"
        "ISO,ISO 3,Three,rumoured,2020,energy,all,,\n"
        "ISO,ISO 4,Four,published,next year,energy,all,,\n"
        "ISO,ISO 5,,published,2020,energy,all,,\n",
    )
    with pytest.raises(importing.FileError) as caught:
        services.import_file(path)
    assert caught.value.errors == [
        "row 3, column identifier: required",
        "row 4, column status: unknown status 'rumoured' "
        "(one of proposed, in-development, published, revised, withdrawn)",
        "row 5, column date: 'next year' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
        "row 6, column title: required",
    ]
    assert Standard.objects.count() == 0


def test_duplicate_identifiers_in_one_file_keep_the_first(workstream, tmp_path):
    path = write(
        tmp_path,
        "ISO,ISO 1,First,published,2020,energy,all,,\nISO,ISO 1,Second,published,2020,energy,all,,\n",
    )
    result = services.import_file(path)
    assert result.created == 1
    assert "row 3, column identifier: 'ISO 1' already on row 2; row 3 ignored" in result.warnings
    assert Standard.objects.get().title == "First"


def test_xlsx_import_and_the_command(workstream, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(
        [
            "ISO",
            "ISO 14067:2018",
            "Carbon footprint of products",
            "published",
            "2018",
            "carbon",
            "all",
            "https://www.iso.org/standard/71206.html",
            "",
        ]
    )
    path = tmp_path / "s.xlsx"
    workbook.save(path)
    out, err = io.StringIO(), io.StringIO()
    call_command("standards", "import", str(path), stdout=out, stderr=err)
    assert out.getvalue() == "1 created, 0 updated, 0 unchanged\n"
    assert err.getvalue() == "warning: ignored column(s): remarks\n"
    bad = write(tmp_path, "ISO,,x,published,2020,,,,\n", "bad.csv")
    with pytest.raises(CommandError, match="nothing imported: 1 error"):
        call_command("standards", "import", str(bad), stdout=out, stderr=err)


def _seed(workstream, tmp_path):
    services.import_file(
        write(
            tmp_path,
            "ITU-T SG5,ITU-T L.1801,Method,published,2026-02-06,energy; carbon,training,,\n"
            "ETSI TC EE,ETSI ES 204 135,Twin,in development,2026,energy,training,,\n"
            "IEEE SA,IEEE P7100,Measure,withdrawn,2024,water,inference,,\n",
        )
    )
    by_id = {s.identifier: s for s in Standard.objects.all()}
    services.relate(by_id["ETSI ES 204 135"], "equivalent-to", by_id["ITU-T L.1801"])
    return by_id


def test_matrix_and_equivalences(workstream, tmp_path):
    _seed(workstream, tmp_path)
    cells = {(c.phase, c.dimension): c.identifiers for c in selectors.coverage()}
    assert len(cells) == 81
    assert cells[("design-development", "energy")] == ("ETSI ES 204 135", "ITU-T L.1801")
    assert cells[("design-development", "carbon")] == ("ITU-T L.1801",)
    assert cells[("operation-monitoring", "water")] == ()  # withdrawn: covers nothing
    assert registry.identifier_equivalences() == [("ETSI ES 204 135", "ITU-T L.1801")]


def test_editions_freeze_and_compare(workstream, tmp_path):
    by_id = _seed(workstream, tmp_path)
    first = services.freeze_edition("2025")
    services.change_status(by_id["ETSI ES 204 135"], "published", None)
    services.import_file(write(tmp_path, "ISO,ISO 1,New,proposed,2026,,,,\n", "n.csv"))
    Standard.objects.filter(identifier="IEEE P7100").delete()
    second = services.freeze_edition("2026")
    diff = selectors.compare(first, second)
    assert diff.added == ("ISO 1",)
    assert diff.removed == ("IEEE P7100",)
    assert [(c.identifier, c.before, c.after) for c in diff.status_changed] == [
        ("ETSI ES 204 135", "in-development", "published")
    ]
    with pytest.raises(services.RoadmapError):
        services.freeze_edition("2026")


def test_api_list_and_coverage(client, workstream, tmp_path, django_assert_max_num_queries):
    _seed(workstream, tmp_path)
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/standards?dimension=energy&phase=design-development")
    body = response.json()
    assert body["count"] == 2
    assert body["items"][0] == {
        "identifier": "ETSI ES 204 135",
        "title": "Twin",
        "body": "ETSI TC EE",
        "status": "in-development",
        "date": "2026-01-01",
        "phases": ["design-development"],
        "dimensions": ["energy"],
        "url": "",
        "relations": [{"type": "equivalent-to", "identifier": "ITU-T L.1801"}],
    }
    assert body["items"][1]["relations"] == [
        {"type": "equivalent-to", "identifier": "ETSI ES 204 135"}
    ]
    assert client.get("/api/v1/standards?q=measure&status=withdrawn").json()["count"] == 1
    assert client.get("/api/v1/standards?limit=101").status_code == 422
    assert client.get("/api/v1/standards?status=rumoured").status_code == 422
    paged = client.get("/api/v1/standards?limit=1&offset=2").json()
    assert (paged["count"], [i["identifier"] for i in paged["items"]]) == (3, ["ITU-T L.1801"])
    coverage = client.get("/api/v1/standards/coverage").json()
    assert len(coverage["phases"]) == 9 and len(coverage["dimensions"]) == 9
    assert len(coverage["cells"]) == 81
    cell = next(
        c
        for c in coverage["cells"]
        if (c["phase"], c["dimension"]) == ("design-development", "energy")
    )
    assert cell == {
        "phase": "design-development",
        "dimension": "energy",
        "count": 2,
        "identifiers": ["ETSI ES 204 135", "ITU-T L.1801"],
    }


def test_pages_and_permissions(client, workstream, tmp_path, django_assert_max_num_queries):
    by_id = _seed(workstream, tmp_path)
    with django_assert_max_num_queries(8):
        page = client.get("/standards/?dimension=energy")
    assert page.status_code == 200
    assert page.content.decode().count('href="/standards/') >= 2
    cell = client.get("/standards/coverage/?phase=design-development&dimension=carbon")
    assert "ITU-T L.1801" in cell.content.decode()
    standard = by_id["ITU-T L.1801"]
    url = f"/standards/{standard.pk}/status/"
    assert client.post(url, {"status": "withdrawn"}).status_code == 302  # to the login page
    member = MemberUserFactory()
    client.force_login(member)
    assert client.post(url, {"status": "withdrawn"}).status_code == 403
    assert client.post("/standards/editions/", {"edition-name": "x"}).status_code == 403
    lead_org = OrganisationFactory()
    ParticipantFactory(workstream=workstream, organisation=lead_org, role=ParticipantRole.LEAD)
    client.force_login(MemberUserFactory(organisation=lead_org))
    assert client.post(url, {"status": "withdrawn", "date": "2026-05-01"}).status_code == 302
    standard.refresh_from_db()
    assert standard.status == "withdrawn"
    assert client.post("/standards/editions/", {"edition-name": "2026"}).status_code == 302
    edition = Edition.objects.get()
    assert not edition.published
    client.logout()
    assert client.get("/standards/editions/2026/").status_code == 404  # not published yet
    client.force_login(CoordinatorFactory())
    assert client.post("/standards/editions/2026/publish/").status_code == 302
    client.logout()
    assert "edition 2026" in client.get("/standards/editions/2026/").content.decode()


def test_exports(client, workstream, tmp_path):
    _seed(workstream, tmp_path)
    Standard.objects.filter(identifier="IEEE P7100").update(title="=HYPERLINK(1)")
    text = client.get("/standards/export.csv").content.decode()
    assert text.splitlines()[0] == "body,identifier,title,status,date,scope,lifecycle_phases,url"
    assert "'=HYPERLINK(1)" in text
    data = json.loads(client.get("/standards/export.json").content)
    assert [d["identifier"] for d in data] == ["ETSI ES 204 135", "IEEE P7100", "ITU-T L.1801"]
    assert client.get("/standards/export.xlsx").status_code == 200
    assert client.get("/standards/export.pdf").status_code == 404


def test_demo_loads_twice_and_the_panel(client, workstream):
    out = io.StringIO()
    demo.load(out)
    demo.load(out)
    assert Standard.objects.count() == 52
    assert Standard.objects.filter(is_demo=True, source_url__startswith="http").count() == 52
    assert Relation.objects.count() == len(demo.RELATIONS)
    assert Edition.objects.filter(name="2026", published=True).count() == 1
    assert registry.identifier_equivalences() == [("ETSI ES 204 135", "ITU-T L.1801 (02/2026)")]
    html = registry.render_workstream_panels(None, workstream)
    assert "52 standards in the registry" in html


def test_edition_pdf_holds_the_matrix_timeline_and_principles(client, workstream, tmp_path):
    from pypdf import PdfReader

    _seed(workstream, tmp_path)
    services.save_principles("Measure before comparing.")
    services.publish_edition(services.freeze_edition("2026"))
    response = client.get("/standards/editions/2026.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Standards roadmap, edition 2026" in text
    assert "Measure before comparing." in text
    assert "Coverage matrix" in text and "Hardware manufacturing" in text
    assert "ITU-T L.1801 — Method" in text
    assert "2026" in text and "Timeline" in text


def test_principles_are_versioned(workstream):
    services.save_principles("One.")
    services.save_principles("One.")
    services.save_principles("Two.")
    from sustainai.toolkits.standards.models import Principles

    assert list(Principles.objects.values_list("text", flat=True)) == ["Two.", "One."]


def test_relation_graph_is_server_drawn(client, workstream, tmp_path):
    _seed(workstream, tmp_path)
    html = client.get("/standards/graph/").content.decode()
    assert html.count("<circle") == 2
    assert html.count('stroke-width="2"') == 1  # the legend draws its own lines
    assert "ETSI ES 204 135 — equivalent-to — ITU-T L.1801" in html
    assert "<script" not in html.split("<main", 1)[-1].split("</main>")[0]


def test_proposals_are_moderated_by_the_leads(client, workstream, tmp_path):
    from sustainai.toolkits.standards.models import Proposal

    by_id = _seed(workstream, tmp_path)
    member = MemberUserFactory()
    client.force_login(member)
    new = {
        "identifier": "ISO/IEC 30134-10",
        "body": "ISO/IEC JTC 1/SC 39",
        "title": "Data centre KPI",
        "status": "in-development",
        "date": "2026-01-15",
        "phases": ["operation-monitoring"],
        "dimensions": ["energy", "water"],
        "url": "",
        "comment": "Seen at the plenary.",
    }
    assert client.post("/standards/propose/", new).status_code == 302
    duplicate = client.post("/standards/propose/", {**new, "identifier": "ITU-T L.1801"})
    assert duplicate.status_code == 422
    l1801 = by_id["ITU-T L.1801"]
    correction = {**new, "title": "Corrected title", "status": "published"}
    assert client.post(f"/standards/{l1801.pk}/propose/", correction).status_code == 302
    assert Standard.objects.count() == 3  # nothing applied yet
    assert client.get("/standards/proposals/").status_code == 403
    lead_org = OrganisationFactory()
    ParticipantFactory(workstream=workstream, organisation=lead_org, role=ParticipantRole.LEAD)
    lead = MemberUserFactory(organisation=lead_org)
    client.force_login(lead)
    assert client.get("/standards/proposals/").content.decode().count("<article>") == 2
    first, second = Proposal.objects.order_by("pk")
    client.post(f"/standards/proposals/{first.pk}/decide/", {"decision": "accept"})
    client.post(
        f"/standards/proposals/{second.pk}/decide/", {"decision": "reject", "reason": "No source."}
    )
    added = Standard.objects.get(identifier="ISO/IEC 30134-10")
    assert (added.status, added.dimensions) == ("in-development", ["energy", "water"])
    assert added.changes.get().origin == "proposal"
    l1801.refresh_from_db()
    assert l1801.title == "Method"
    second.refresh_from_db()
    assert (second.state, second.reason, second.decided_by) == ("rejected", "No source.", lead)
    with pytest.raises(services.RoadmapError):
        services.decide(second, lead, accept=True)


def test_the_pages_in_french(client, workstream, tmp_path):
    _seed(workstream, tmp_path)
    client.cookies["django_language"] = "fr"
    html = client.get("/standards/coverage/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Matrice de couverture" in html
    assert "Fabrication du matériel" in html and "Matériaux et déchets électroniques" in html
    listing = client.get("/standards/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Feuille de route des normes" in listing and "3 normes" in listing


def test_leads_record_relations(client, workstream, tmp_path):
    by_id = _seed(workstream, tmp_path)
    lead_org = OrganisationFactory()
    ParticipantFactory(workstream=workstream, organisation=lead_org, role=ParticipantRole.LEAD)
    client.force_login(MemberUserFactory(organisation=lead_org))
    url = f"/standards/{by_id['IEEE P7100'].pk}/relations/"
    client.post(url, {"type": "liaises-with", "target": "ITU-T L.1801"})
    client.post(url, {"type": "liaises-with", "target": "IEEE P7100"})  # itself: refused
    client.post(url, {"type": "builds-on", "target": "nothing"})  # unknown: refused
    assert list(
        Relation.objects.values_list("source__identifier", "type", "target__identifier")
    ) == [
        ("ETSI ES 204 135", "equivalent-to", "ITU-T L.1801"),
        ("IEEE P7100", "liaises-with", "ITU-T L.1801"),
    ]
    page = client.get(f"/standards/{by_id['ITU-T L.1801'].pk}/").content.decode()
    assert "liaises with" in page and "equivalent to" in page


def test_report_section_lists_status_changes_of_the_period(workstream, tmp_path):
    import datetime

    _seed(workstream, tmp_path)
    section = selectors.report_section(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    assert [(f.value, str(f.label)) for f in section.figures] == [
        (2, "standards changed status"),
        (3, "standards in the registry"),
    ]
    assert section.items == [
        "ETSI ES 204 135: In development (2026-01-01)",
        "ITU-T L.1801: Published (2026-02-06)",
    ]
    assert [list(row) for row in section.tables[0].rows] == [
        ["ETSI ES 204 135", "In development", "2026-01-01"],
        ["ITU-T L.1801", "Published", "2026-02-06"],
    ]
    assert selectors.report_section(datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)) is None


def test_coverage_page_queries(client, workstream, tmp_path, django_assert_max_num_queries):
    _seed(workstream, tmp_path)
    with django_assert_max_num_queries(6):
        assert (
            client.get("/standards/coverage/?phase=design-development&dimension=energy").status_code
            == 200
        )


def test_a_file_saved_by_a_spreadsheet_in_windows_1252_imports(workstream, tmp_path):
    path = tmp_path / "standards.csv"
    path.write_bytes(
        (
            HEADER + "AFNOR,AFNOR SPEC 2314,Référentiel général pour l'IA frugale,published,"
            "2024-06-28,energy,all,,\n"
        ).encode("cp1252")
    )
    result = services.import_file(path)
    assert (result.created, result.updated, result.unchanged) == (1, 0, 0)
    assert Standard.objects.get().title == "Référentiel général pour l'IA frugale"
