"""The procurement toolkit: the library, moderation, packs and their documents, bid evaluation
(entered and uploaded), the API, permissions, demo, panel and report section."""

from __future__ import annotations

import datetime
import io

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from sustainai.accounts.tokens import create_token
from sustainai.toolkits.procurement import demo, documents, panels, selectors, services
from sustainai.toolkits.procurement.apps import WORKSTREAM_SLUG
from sustainai.toolkits.procurement.models import Criterion, Evaluation, TenderPack
from sustainai.workstreams.models import ParticipantRole
from tests.factories.accounts import CoordinatorFactory, MemberUserFactory
from tests.factories.members import OrganisationFactory
from tests.factories.workstreams import ParticipantFactory, WorkstreamFactory

pytestmark = pytest.mark.django_db

PACK = {
    "title": "Summaries of case files",
    "use_case": "Summarise incoming case files for caseworkers.",
    "functional_unit": "1,000 document summaries",
    "volume": 500,
    "level": "core",
    "environmental_weight": 0.2,
    "quality_weight": 0.3,
    "factor_verified": 1.0,
    "factor_measured": 0.8,
    "factor_modelled": 0.5,
}


class Out:
    def __init__(self):
        self.lines = []

    def write(self, text):
        self.lines.append(text)


@pytest.fixture
def workstream():
    return WorkstreamFactory(slug="public-procurement-toolkit")


@pytest.fixture
def library(workstream):
    services.load_library()
    return workstream


@pytest.fixture
def lead(workstream):
    organisation = OrganisationFactory()
    ParticipantFactory(workstream=workstream, organisation=organisation, role=ParticipantRole.LEAD)
    return MemberUserFactory(organisation=organisation)


@pytest.fixture
def member():
    return MemberUserFactory()


@pytest.fixture
def pack(library, member):
    return services.build_pack(member, dict(PACK))


def test_library_has_every_field_and_a_source(library):
    rows = services.read_library()
    assert len(rows) == 37
    assert Criterion.objects.filter(status="published").count() == 37
    kinds = {r["kind"] for r in rows}
    assert kinds == {"selection", "specification", "award", "clause"}
    assert {r["level"] for r in rows} == {"core", "comprehensive"}
    assert {r["area"] for r in rows} == {"need", "model", "hosting", "hardware", "organisation"}
    for row in rows:
        assert row["wording"] and row["evidence"] and row["title"]
        assert row["source_url"].startswith("https://")
    mod01 = Criterion.objects.get(code="MOD-01")
    assert (mod01.kind, mod01.level, mod01.area, mod01.unit) == (
        "award",
        "core",
        "model",
        "Wh per functional unit",
    )


def test_demo_is_idempotent(workstream):
    out = Out()
    demo.load(out)
    demo.load(out)
    assert out.lines == [
        "procurement: 37 criteria created, 0 updated",
        "procurement: 0 criteria created, 37 updated",
    ]
    assert Criterion.objects.filter(is_demo=True).count() == 37


def test_search_and_filters(library):
    codes = [c.code for c in selectors.criteria(selectors.Filters(q="PUE"))]
    assert codes == ["HOST-01", "MOD-01"]
    clauses = selectors.criteria(selectors.Filters(kind="clause", level="core"))
    assert [c.code for c in clauses] == ["MOD-06", "ORG-05", "ORG-06", "ORG-07"]


def test_list_page_query_count(client, library, django_assert_num_queries):
    with django_assert_num_queries(1):  # the criteria, whatever their number
        response = client.get("/procurement/?q=energy&area=model")
    assert response.status_code == 200
    assert b"MOD-01" in response.content and b"HOST-01" not in response.content


def test_export_csv_and_xlsx(client, library):
    csv = client.get("/procurement/criteria.csv?kind=clause&level=core").content.decode()
    lines = csv.strip().splitlines()
    assert lines[0] == "code,title,wording,kind,level,area,evidence,metric,unit,source,source_url"
    assert [line.split(",")[0] for line in lines[1:]] == ["MOD-06", "ORG-05", "ORG-06", "ORG-07"]
    book = load_workbook(io.BytesIO(client.get("/procurement/criteria.xlsx").content))
    assert book.sheetnames == ["criteria"]
    assert book["criteria"].max_row == 38


def test_proposal_and_moderation(client, library, member, lead):
    client.force_login(member)
    values = {
        "code": "X-01",
        "title": "Test criterion",
        "wording": "Words.",
        "kind": "award",
        "level": "core",
        "area": "model",
        "evidence": "A report.",
        "metric": "",
        "unit": "",
        "source_title": "A source",
        "source_url": "https://example.org/",
    }
    assert client.post("/procurement/propose/", values).status_code == 302
    proposal = Criterion.objects.get(code="X-01")
    assert (proposal.status, proposal.proposed_by) == ("pending", member)
    assert "X-01" not in [c.code for c in selectors.criteria()]
    assert client.get("/procurement/moderation/").status_code == 403
    assert (
        client.post(f"/procurement/moderation/{proposal.pk}/", {"decision": "publish"}).status_code
        == 403
    )
    client.force_login(lead)
    assert (
        client.post(f"/procurement/moderation/{proposal.pk}/", {"decision": "publish"}).status_code
        == 302
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == ("published", lead)
    assert selectors.pending_count(lead) == 0


def test_leads_correct_a_criterion_and_keep_its_status(
    client, library, member, lead, django_assert_max_num_queries
):
    criterion = Criterion.objects.get(code="MOD-01")
    url = f"/procurement/criteria/{criterion.pk}/edit/"
    client.force_login(member)
    assert client.get(url).status_code == 403
    assert f'href="{url}"' not in client.get("/procurement/").content.decode()
    client.force_login(lead)
    # The list asks the permission once, whatever the number of criteria.
    with django_assert_max_num_queries(8):
        page = client.get("/procurement/").content.decode()
    assert f'<a href="{url}">Edit MOD-01</a>' in page
    form = client.get(url).context["form"]
    values = {name: form[name].value() for name in form.fields}
    assert values["code"] == "MOD-01"
    bad = client.post(url, {**values, "code": "HOST-01", "source_url": "not a url"})
    assert bad.status_code == 422
    assert set(bad.context["form"].errors) == {"code", "source_url"}
    response = client.post(url, {**values, "wording": "Corrected wording."})
    assert response.url == "/procurement/#MOD-01"
    criterion.refresh_from_db()
    assert (criterion.wording, criterion.status) == ("Corrected wording.", "published")


def test_pack_criteria_by_level(library, member):
    core = services.build_pack(member, dict(PACK))
    assert core.criteria.count() == Criterion.objects.filter(level="core").count()
    comprehensive = services.build_pack(
        member, {**PACK, "level": "comprehensive", "areas": ["hosting"]}
    )
    codes = sorted(comprehensive.criteria.values_list("code", flat=True))
    assert codes == sorted(
        [f"HOST-{n:02d}" for n in range(1, 11)] + ["MOD-06", "ORG-05", "ORG-06", "ORG-07"]
    )
    assert core.weights == {"price": 0.5, "energy": 0.2, "quality": 0.3}


def test_builder_page(client, library, member):
    client.force_login(member)
    response = client.post(
        "/procurement/packs/new/",
        {**PACK, "environmental_percent": 35, "quality_percent": 30},
    )
    assert response.status_code == 422
    assert TenderPack.objects.count() == 0
    response = client.post(
        "/procurement/packs/new/", {**PACK, "environmental_percent": 20, "quality_percent": 30}
    )
    pack = TenderPack.objects.get()
    assert response.url == f"/procurement/packs/{pack.pk}/"
    assert pack.environmental_weight == 0.2 and pack.created_by == member


def test_questionnaire_has_one_sheet_per_supplier_type(client, pack, member):
    client.force_login(member)
    response = client.get(f"/procurement/packs/{pack.pk}/questionnaire.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Offer", "Model provider", "Cloud host", "Integrator"]
    offer = [row for row in book["Offer"].iter_rows(values_only=True)]
    assert offer[0] == ("field", "question", "unit", "answer")
    assert offer[3][:3] == (
        "energy_wh_per_unit",
        "Energy per functional unit",
        "Wh per 1,000 document summaries",
    )
    hosting = [row[0] for row in book["Cloud host"].iter_rows(min_row=2, values_only=True)]
    assert hosting == ["HOST-01", "HOST-03", "HOST-05", "HOST-10", "HW-01", "HW-04", "ORG-01"]


def test_docx_and_pdf(client, pack, member):
    client.force_login(member)
    docx = Document(io.BytesIO(client.get(f"/procurement/packs/{pack.pk}/pack.docx").content))
    headings = [p.text for p in docx.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["Selection criterion", "HOST-05 Data-centre reporting under EU law"]
    assert (
        "Contract clause" in headings and "MOD-06 Re-measurement after a model update" in headings
    )
    grid = docx.tables[0]
    assert [c.text for c in grid.rows[1].cells][:2] == ["Price", "50%"]
    assert [c.text for c in grid.rows[2].cells][:2] == ["Energy per functional unit", "20%"]
    pdf = client.get(f"/procurement/packs/{pack.pk}/pack.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def entered(*bids):
    data = {"action": "enter", "bids-TOTAL_FORMS": 3, "bids-INITIAL_FORMS": 0}
    for i, bid in enumerate(bids):
        data.update({f"bids-{i}-{k}": v for k, v in bid.items()})
    return data


def test_evaluate_entered_bids_with_a_footprint_bid(client, pack, member):
    client.force_login(member)
    data = entered(
        {
            "name": "Alpha",
            "price": 100,
            "energy_wh_per_unit": 2,
            "evidence": "verified",
            "quality": 0.5,
        },
        {
            "name": "Beta",
            "price": 80,
            "energy_wh_per_unit": 4,
            "evidence": "measured",
            "quality": 1,
        },
        {
            "name": "Gamma",
            "price": 90,
            "accelerator": "H100 SXM",
            "accelerator_count": 1,
            "hours": 2,
            "pue": 1.2,
            "units": 600,
            "evidence": "modelled",
            "quality": 0.5,
        },
    )
    response = client.post(f"/procurement/packs/{pack.pk}/evaluate/", data)
    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    rows = {r["name"]: r for r in evaluation.result["ranking"]}
    # Gamma: H100 SXM default draw 420 W × 2 h × PUE 1.2 = 1.008 kWh for 600 units: 1.68 Wh.
    assert rows["Gamma"]["energy_wh_per_unit"] == 1.68
    # Lowest price 80, lowest credible energy 1.68.
    assert rows["Alpha"]["points"] == {"price": 0.4, "energy": 0.168, "quality": 0.15}
    assert rows["Beta"]["points"] == {"price": 0.5, "energy": 0.0672, "quality": 0.3}
    assert rows["Gamma"]["points"] == {"price": 0.444444, "energy": 0.1, "quality": 0.15}
    assert [r["name"] for r in evaluation.result["ranking"]] == ["Beta", "Alpha", "Gamma"]
    page = client.get(f"/procurement/packs/{pack.pk}/evaluate/").content.decode()
    assert "Price: 0.5 × lowest price 80 / 100 = 0.4 points." in page
    assert "The winner stays the same" in page or "The winner changes" in page


def test_bad_entered_bid_names_bid_and_field_and_saves_nothing(client, pack, member):
    client.force_login(member)
    data = entered(
        {
            "name": "Alpha",
            "price": -3,
            "energy_wh_per_unit": 2,
            "evidence": "verified",
            "quality": 0.5,
        },
        {
            "name": "Beta",
            "price": 80,
            "energy_wh_per_unit": 4,
            "evidence": "measured",
            "quality": 1,
        },
    )
    response = client.post(f"/procurement/packs/{pack.pk}/evaluate/", data)
    assert response.status_code == 422
    assert "Bid “Alpha”, <code>price</code>: must be greater than 0" in response.content.decode()
    assert Evaluation.objects.count() == 0


def filled(pack, name, answers, *, drop=None, unit=None):
    book = load_workbook(io.BytesIO(documents.questionnaire_xlsx(pack, list(pack.criteria.all()))))
    sheet = book["Offer"]
    for row in sheet.iter_rows(min_row=2):
        field = row[0].value
        if field == "supplier_name":
            row[3].value = name
        elif field in answers:
            row[3].value = answers[field]
        if unit and field == unit[0]:
            row[2].value = unit[1]
    if drop:
        del book[drop]
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = f"{name}.xlsx"
    return buffer


def test_upload_filled_questionnaires(client, pack, member):
    client.force_login(member)
    files = [
        filled(
            pack,
            "Alpha",
            {"price": 100, "energy_wh_per_unit": 2, "evidence": "verified", "quality_mark": 0.5},
        ),
        filled(
            pack,
            "Beta",
            {"price": 80, "energy_wh_per_unit": 4, "evidence": "Measured", "quality_mark": 1},
        ),
    ]
    response = client.post(
        f"/procurement/packs/{pack.pk}/evaluate/", {"action": "upload", "questionnaires": files}
    )
    assert response.status_code == 302
    ranking = Evaluation.objects.get().result["ranking"]
    assert [(r["name"], r["score"]) for r in ranking] == [("Beta", 0.88), ("Alpha", 0.75)]


def test_upload_is_all_or_nothing(client, pack, member):
    client.force_login(member)
    files = [
        filled(
            pack,
            "Alpha",
            {"price": 100, "energy_wh_per_unit": 2, "evidence": "verified", "quality_mark": 0.5},
        ),
        filled(
            pack,
            "Beta",
            {"price": 80, "energy_wh_per_unit": 4, "evidence": "measured"},
            unit=("energy_wh_per_unit", "kWh"),
        ),
        filled(pack, "Gamma", {"price": 80}, drop="Cloud host"),
    ]
    response = client.post(
        f"/procurement/packs/{pack.pk}/evaluate/", {"action": "upload", "questionnaires": files}
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert (
        "Bid “Beta”, <code>energy_wh_per_unit</code>: unit must be “Wh per 1,000 document "
        "summaries” (got “kWh”)" in text
    )
    assert "Bid “Gamma.xlsx”, <code>sheet Cloud host</code>: missing from the workbook" in text
    assert Evaluation.objects.count() == 0


def test_upload_refuses_a_non_workbook(client, pack, member):
    client.force_login(member)
    junk = io.BytesIO(b"not a workbook")
    junk.name = "junk.xlsx"
    response = client.post(
        f"/procurement/packs/{pack.pk}/evaluate/", {"action": "upload", "questionnaires": [junk]}
    )
    assert response.status_code == 422
    assert "Bid “junk.xlsx”, <code>file</code>: not an XLSX workbook" in response.content.decode()


def test_pack_permissions(client, pack, member, lead):
    other = MemberUserFactory()
    client.force_login(other)
    assert client.get(f"/procurement/packs/{pack.pk}/").status_code == 403
    assert client.get(f"/procurement/packs/{pack.pk}/evaluate/").status_code == 403
    client.force_login(lead)
    assert client.get(f"/procurement/packs/{pack.pk}/").status_code == 200
    client.force_login(CoordinatorFactory())
    assert client.get(f"/procurement/packs/{pack.pk}/questionnaire.xlsx").status_code == 200
    client.logout()
    assert client.get(f"/procurement/packs/{pack.pk}/").status_code == 302


def api(client, body, token):
    return client.post(
        "/api/v1/procurement/evaluate",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"} if token else {},
    )


def test_api_evaluate(client):
    token = create_token(MemberUserFactory(), name="t")[1]
    body = {
        "weights": {"price": 0.7, "energy": 0.3},
        "bids": [
            {"name": "A", "price": 100, "energy_wh_per_unit": 2, "evidence": "verified"},
            {"name": "B", "price": 80, "energy_wh_per_unit": 4, "evidence": "measured"},
        ],
    }
    assert api(client, body, None).status_code == 401
    response = api(client, body, token)
    assert response.status_code == 200
    ranking = response.json()["ranking"]
    assert [(r["name"], r["score"], r["points"]) for r in ranking] == [
        ("A", 0.86, {"price": 0.56, "energy": 0.3}),
        ("B", 0.82, {"price": 0.7, "energy": 0.12}),
    ]
    assert ranking[0]["explanation"][0] == "Price: 0.7 × lowest price 80 / 100 = 0.56 points."
    assert response.json()["sensitivity"]["winner_changes"] is True
    bad = api(client, {**body, "weights": {"price": 0.7, "energy": 0.2}}, token)
    assert bad.status_code == 422
    assert bad.json() == {
        "detail": [{"bid": None, "field": "weights", "message": "must sum to 1 (they sum to 0.9)"}]
    }
    bad = api(client, {**body, "bids": [{**body["bids"][0], "evidence": "promised"}]}, token)
    assert bad.json()["detail"] == [
        {
            "bid": "A",
            "field": "evidence",
            "message": "must be one of verified, measured, modelled, none",
        }
    ]


def test_panel_and_report_section(client, library, member):
    services.build_pack(member, dict(PACK))
    today = timezone.now().date()
    section = panels.report_section(today - datetime.timedelta(days=1), today)
    assert [(f.value, str(f.label)) for f in section.figures] == [
        (1, "tender pack built"),
        (37, "criteria in the library"),
    ]
    html = panels.workstream_panel(None, library)
    assert "37 criteria in the library." in html


def test_pages_in_french(client, pack, member):
    bids = [
        {"name": "A", "price": 100, "energy_wh_per_unit": 2, "evidence": "verified"},
        {"name": "B", "price": 80, "energy_wh_per_unit": 4, "evidence": "none"},
    ]
    services.save_evaluation(pack, [{**b, "scores": {"quality": 1}} for b in bids], member)
    client.cookies["django_language"] = "fr"
    client.force_login(member)
    listing = client.get("/procurement/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<h1>Critères pour acheter une IA frugale</h1>" in listing
    assert "Critère d&#x27;attribution · Essentiel · Modèle" in listing
    page = client.get(f"/procurement/packs/{pack.pk}/evaluate/", HTTP_ACCEPT_LANGUAGE="fr")
    text = page.content.decode()
    assert "<h1>Évaluer les offres</h1>" in text
    assert "poids × prix le plus bas / prix" in text
    # Numbers as French writes them (decimal comma).
    assert "<li>Prix : 0,5 × prix le plus bas 80 / 100 = 0,4 points.\n</li>" in text
    assert (
        "Énergie : 0,2 × énergie crédible la plus basse 2 Wh / 2 Wh par unité × facteur de "
        "preuve 1 (vérifiée) = 0,2 points." in text
    )
    assert "Total 0,9 : classée première." in text
    assert "Total 0,8 : classée 2, à 0,1 points de A." in text


def test_workstream_space_shows_the_panel(client, library, lead):
    client.force_login(lead)
    text = client.get(f"/workstreams/{library.slug}/").content.decode()
    assert 'id="procurement-panel"' in text
    assert "37 criteria in the library." in text


def test_packs_and_moderation_pages_query_counts(
    client, library, member, lead, django_assert_num_queries
):
    for n in range(3):
        services.build_pack(member, {**PACK, "title": f"Pack {n}"})
        services.propose_criterion(
            member,
            {
                "code": f"X-{n}",
                "title": "T",
                "wording": "W.",
                "kind": "award",
                "level": "core",
                "area": "model",
                "evidence": "E.",
                "metric": "",
                "unit": "",
                "source_title": "S",
                "source_url": "https://example.org/",
            },
        )
    client.force_login(lead)
    client.get("/procurement/packs/")  # warm the session
    # Session, user and organisation, the rule (leads the workstream), then the packs with who
    # built them.
    with django_assert_num_queries(5):
        response = client.get("/procurement/packs/")
    assert response.content.decode().count("/procurement/packs/") >= 4
    # Session, user, organisation, the rule, then the pending criteria with who proposed them.
    with django_assert_num_queries(5):
        response = client.get("/procurement/moderation/")
    assert response.content.decode().count("Record the decision") == 3


def test_the_library_loads_as_real_data_from_the_command(db):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="does not exist yet"):
        call_command("procurement_library", stdout=io.StringIO())
    WorkstreamFactory(slug=WORKSTREAM_SLUG)
    out = io.StringIO()
    call_command("procurement_library", stdout=out)
    assert out.getvalue() == "Criteria library: 37 created, 0 updated.\n"
    assert Criterion.objects.filter(is_demo=False, status="published").count() == 37
    call_command("procurement_library", stdout=out)
    assert out.getvalue().endswith("Criteria library: 0 created, 37 updated.\n")
