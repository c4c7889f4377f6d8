"""Event reports: frozen snapshots that do not move, sections with empty and full data, review
per section by the right people, publication, pages, PDF, data appendix and DCAT."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from sustainai.core import registry
from sustainai.reports import selectors, services
from sustainai.reports.models import Report, ReportState
from sustainai.workstreams.models import ParticipantRole
from tests.factories.accounts import CoordinatorFactory, MemberUserFactory
from tests.factories.atlas import InitiativeFactory
from tests.factories.members import OrganisationFactory
from tests.factories.workstreams import ParticipantFactory, WorkstreamFactory

START, END = datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)
# Every app's section, in report order, once the shared world has something for each.
KEYS = [
    "atlas",
    "transparency",
    "members",
    "calls",
    "standards",
    "workstreams",
    "procurement",
    "pilots",
    "foresight",
    "model_library",
]


def at(year, month, day):
    return datetime.datetime(year, month, day, 12, tzinfo=datetime.UTC)


def make_report(user=None, **fields):
    values = {
        "event": "AI Action Summit",
        "place": "Paris",
        "event_date": datetime.date(2025, 7, 1),
        "languages": ["en", "fr"],
        "period_start": START,
        "as_of": END,
        "sections": [],
    }
    values.update(fields)
    return services.create_report(user, **values)


def figures(report, language="en"):
    return {
        (section["key"], figure["key"]): figure["value"]
        for section in selectors.sections_of(report, language)
        for figure in section["figures"]
    }


@pytest.fixture
def data():
    InitiativeFactory(type="tool", published_at=at(2025, 2, 1), countries=["FR", "KE"])
    InitiativeFactory(type="dataset", published_at=at(2024, 5, 1), countries=["FR"])
    OrganisationFactory(kind="research", country="DE", joined_on=datetime.date(2024, 3, 1))
    OrganisationFactory(kind="company", country="FR", joined_on=datetime.date(2025, 3, 1))


@pytest.mark.django_db
def test_a_frozen_report_does_not_move_after_a_change(data):
    report = services.freeze(make_report())
    before = json.loads(json.dumps(report.snapshot))
    version = dict(report.data_version)
    assert figures(report)[("atlas", "total")] == 2
    assert figures(report)[("members", "total")] == 2
    # Changes after the freeze: new records in the period and after it.
    InitiativeFactory(type="tool", published_at=at(2025, 3, 1), countries=["BR"])
    OrganisationFactory(kind="ngo", country="BR", joined_on=datetime.date(2025, 4, 1))
    report.refresh_from_db()
    assert report.snapshot == before
    assert report.data_version == version
    assert version["snapshot"] == selectors.canonical_hash(before)
    assert version["migrations"].startswith("sha256:")
    assert version["as_of"] == "2025-06-30"
    # Only a new freeze reads the new data.
    report = services.freeze(report)
    assert figures(report)[("atlas", "total")] == 3
    assert figures(report)[("members", "total")] == 3


@pytest.mark.django_db
def test_records_created_after_the_date_are_not_counted(data):
    InitiativeFactory(type="tool", published_at=at(2025, 7, 2), countries=["BR"])
    OrganisationFactory(kind="ngo", joined_on=datetime.date(2025, 7, 2))
    report = services.freeze(make_report())
    assert figures(report) == {
        ("atlas", "new"): 1,
        ("atlas", "new-countries"): 2,
        ("atlas", "total"): 2,
        ("atlas", "countries"): 2,
        ("members", "total"): 2,
        ("members", "new"): 1,
        ("members", "countries"): 2,
    }


@pytest.mark.django_db
def test_every_section_renders_with_empty_data():
    report = services.freeze(make_report())
    assert report.snapshot == {"en": [], "fr": []}
    report.state = ReportState.PUBLISHED
    report.save()
    response = Client().get(reverse("reports:page", args=[report.slug, "en"]))
    assert response.status_code == 200
    assert "No section has anything to report for this period." in response.text


@pytest.mark.django_db
def test_every_registered_section_serialises_and_renders_with_full_data(data, client):
    from django.template.loader import render_to_string

    sections = registry.report_sections(datetime.date(2000, 1, 1), datetime.date(2030, 1, 1))
    assert [section.key for section in sections] == ["atlas", "members"]
    for section in sections:
        payload = selectors.section_data(section)
        assert json.loads(json.dumps(payload)) == payload
        html = render_to_string("reports/_section.html", {"section": payload})
        assert f'id="section-{section.key}"' in html
        for figure in payload["figures"]:
            assert figure["source"] and figure["as_of"] == "2030-01-01"
        for chart in payload["charts"]:
            assert chart["alt"] and chart["svg"].startswith("<svg")


@pytest.mark.django_db
def test_period_follows_the_previous_report_and_the_chosen_sections_only(data):
    first = make_report(as_of=datetime.date(2025, 1, 31))
    second = make_report(previous=first, period_start=None, sections=["members"])
    assert second.period_start == datetime.date(2025, 2, 1)
    assert second.slug == "ai-action-summit-2025-2"
    second = services.freeze(second)
    assert [section["key"] for section in selectors.sections_of(second, "fr")] == ["members"]
    assert selectors.sections_of(second, "fr")[0]["title"] == "Membres"
    with pytest.raises(ValidationError):
        make_report(period_start=datetime.date(2025, 7, 1))
    with pytest.raises(ValidationError):
        make_report(languages=["de"])


@pytest.fixture
def leads():
    """A lead of the standards workstream, and a lead of another."""
    standards = WorkstreamFactory(slug="standardization-roadmap")
    other = WorkstreamFactory()
    lead = MemberUserFactory()
    ParticipantFactory(
        workstream=standards, organisation=lead.organisation, role=ParticipantRole.LEAD
    )
    stranger = MemberUserFactory()
    ParticipantFactory(
        workstream=other, organisation=stranger.organisation, role=ParticipantRole.LEAD
    )
    return lead, stranger


def _with_standards_section(report):
    # A frozen report with a section of the standards workstream beside the platform's.
    snapshot = {
        language: [
            *sections,
            {
                "key": "standards",
                "title": "Standards roadmap",
                "order": 400,
                "source": "Standards roadmap",
                "as_of": "2025-06-30",
                "workstream": "standardization-roadmap",
                "figures": [],
                "items": [],
                "tables": [],
                "charts": [],
            },
        ]
        for language, sections in report.snapshot.items()
    }
    report.snapshot = snapshot
    report.save()
    return report


@pytest.mark.django_db
def test_leads_approve_only_their_sections_and_coordinators_the_platform_ones(data, leads):
    lead, stranger = leads
    coordinator = CoordinatorFactory()
    report = _with_standards_section(services.freeze(make_report()))
    with pytest.raises(PermissionDenied):
        services.approve(report, "atlas", lead)
    with pytest.raises(PermissionDenied):
        services.approve(report, "standards", stranger)
    with pytest.raises(PermissionDenied):
        services.approve(report, "standards", coordinator)
    with pytest.raises(ValidationError):
        services.publish(report)
    services.approve(report, "standards", lead)
    services.approve(report, "atlas", coordinator)
    services.comment(report, "members", stranger, "Add the 2024 members?")
    assert services.pending_sections(report) == ["members"]
    services.approve(report, "members", coordinator)
    report = services.publish(report)
    assert report.state == ReportState.PUBLISHED
    with pytest.raises(ValidationError):
        services.freeze(report)


@pytest.mark.django_db
def test_freezing_again_withdraws_the_approvals(data):
    coordinator = CoordinatorFactory()
    report = services.freeze(make_report())
    services.approve(report, "atlas", coordinator)
    report = services.freeze(report)
    assert services.pending_sections(report) == ["atlas", "members"]


def _published(coordinator):
    report = services.freeze(make_report(coordinator))
    for key in selectors.section_keys(report):
        services.approve(report, key, coordinator)
    return services.publish(report)


@pytest.mark.django_db
def test_published_page_in_english_and_french_with_sources_and_dates(data, client):
    report = _published(CoordinatorFactory())
    english = client.get(reverse("reports:page", args=[report.slug, "en"]))
    assert "Source: Atlas of initiatives, as of 30 June 2025" in english.text
    assert "initiatives in the Atlas" in english.text
    french = client.get(reverse("reports:page", args=[report.slug, "fr"]))
    assert french.status_code == 200
    assert "Membres" in french.text
    assert "Source\u00a0: Atlas des initiatives, au 30 juin 2025" in french.text
    assert "initiatives dans l’Atlas" in french.text
    assert client.get(reverse("reports:page", args=[report.slug, "de"])).status_code == 404


@pytest.mark.django_db
def test_the_report_page_summarises_and_each_section_has_a_page_of_its_own(data, client):
    report = _published(CoordinatorFactory())
    overview = client.get(reverse("reports:page", args=[report.slug, "en"])).text
    atlas = reverse("reports:section", args=[report.slug, "en", "atlas"])
    members = reverse("reports:section", args=[report.slug, "en", "members"])
    # Key figures and one link per section; the charts and tables are on the sections' pages.
    assert f'<a href="{atlas}">Read “Atlas of initiatives” in full</a>' in overview
    assert f'<a href="{members}">Read “Members” in full</a>' in overview
    assert "<table" not in overview and "<svg" not in overview
    page = client.get(atlas).text
    assert '<h1 id="section-atlas-h">Atlas of initiatives</h1>' in page
    assert "<caption>Initiatives by type</caption>" in page
    assert "<svg" in page
    # The list that repeats the table by type is left to the PDF.
    assert "<li>Tool: 1</li>" not in page
    assert f'<a href="{members}" rel="next">Members →</a>' in page
    assert 'rel="prev"' not in page
    french = reverse("reports:section", args=[report.slug, "fr", "atlas"])
    assert f'<a href="{french}" lang="fr" hreflang="fr">Lire en français</a>' in page
    assert client.get(reverse("reports:section", args=[report.slug, "en", "nope"])).status_code == (
        404
    )
    assert client.get(
        reverse("reports:section", args=[report.slug, "de", "atlas"])
    ).status_code == (404)


@pytest.mark.django_db
def test_a_section_shares_one_source_line_when_its_figures_share_a_source(data, client):
    report = _published(CoordinatorFactory())
    page = client.get(reverse("reports:section", args=[report.slug, "en", "members"])).text
    assert page.count("Source: ") == 1
    assert '<p class="report-source"><small>Source: Members' in page


@pytest.mark.django_db
def test_review_lists_the_sections_and_each_is_reviewed_on_its_own_page(data, client):
    coordinator = CoordinatorFactory()
    report = services.freeze(make_report(coordinator))
    client.force_login(coordinator)
    index = client.get(reverse("reports:review", args=[report.slug])).text
    atlas = reverse("reports:review_section", args=[report.slug, "atlas"])
    assert f'<a href="{atlas}">Review “Atlas of initiatives”</a>' in index
    assert index.count("Awaiting approval by the section's reviewers.") == 2
    assert "<form" not in index.split("<main", 1)[1]
    response = client.post(
        reverse("reports:comment", args=[report.slug, "atlas"]), {"text": "Map first."}
    )
    assert response.status_code == 302 and response.url == atlas
    response = client.post(reverse("reports:approve", args=[report.slug, "atlas"]))
    assert response.status_code == 302 and response.url == atlas
    page = client.get(atlas).text
    assert "<caption>Initiatives by type</caption>" in page
    assert "<blockquote>Map first.<footer>" in page
    assert "<strong>Approved</strong>" in page
    assert 'action="/reports/ai-action-summit-2025/review/atlas/approve/"' not in page
    members = client.get(reverse("reports:review_section", args=[report.slug, "members"])).text
    assert 'action="/reports/ai-action-summit-2025/review/members/approve/"' in members
    assert f'<a href="{atlas}" rel="prev">← Atlas of initiatives</a>' in members
    index = client.get(reverse("reports:review", args=[report.slug])).text
    assert "1 comment" in index
    missing = reverse("reports:review_section", args=[report.slug, "nope"])
    assert client.get(missing).status_code == 404


@pytest.mark.django_db
def test_pdf_text_holds_the_page_figures(data, client):
    report = _published(CoordinatorFactory())
    response = client.get(reverse("reports:pdf", args=[report.slug, "en"]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.split())
    for section in selectors.sections_of(report, "en"):
        assert section["title"] in text
        for figure in section["figures"]:
            assert f"{figure['label']} {figure['value']}" in text
    assert "/StructTreeRoot" in reader.trailer["/Root"]


@pytest.mark.django_db
def test_draft_reports_are_the_coordinators_alone(data, client):
    report = services.freeze(make_report())
    assert client.get(reverse("reports:page", args=[report.slug, "en"])).status_code == 302
    client.force_login(MemberUserFactory())
    assert client.get(reverse("reports:page", args=[report.slug, "en"])).status_code == 403
    client.force_login(CoordinatorFactory())
    assert client.get(reverse("reports:page", args=[report.slug, "en"])).status_code == 200


@pytest.mark.django_db
def test_data_appendix_csv_and_xlsx(data, client):
    report = _published(CoordinatorFactory())
    csv = client.get(reverse("reports:table", args=[report.slug, "en", "atlas", "by-type", "csv"]))
    assert csv.content.decode() == "type,initiatives\r\nDataset,1\r\nTool,1\r\n"
    xlsx = client.get(
        reverse("reports:table", args=[report.slug, "fr", "members", "by-kind", "xlsx"])
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert len(sheet[1]) == 3
    assert sheet.max_row == 8  # the header and one row per kind of organisation
    book = client.get(reverse("reports:workbook", args=[report.slug, "en"]))
    tables = sum(len(s["tables"]) for s in selectors.sections_of(report, "en"))
    assert len(load_workbook(io.BytesIO(book.content)).sheetnames) == tables
    page = client.get(reverse("reports:data", args=[report.slug]))
    assert page.status_code == 200
    assert (
        client.get(
            reverse("reports:table", args=[report.slug, "en", "atlas", "nothing", "csv"])
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_diff_between_two_reports(data, client):
    coordinator = CoordinatorFactory()
    first = _published(coordinator)
    InitiativeFactory(type="tool", published_at=at(2025, 8, 1), countries=["BR"])
    second = make_report(
        coordinator,
        event="COP30",
        previous=first,
        period_start=None,
        as_of=datetime.date(2025, 9, 1),
    )
    second = services.freeze(second)
    rows = selectors.diff(first, second, "en")
    by_label = {(row.section, row.label): (row.before, row.after, row.change) for row in rows}
    assert by_label[("Atlas of initiatives", "initiatives in the Atlas")] == (2, 3, 1)
    assert by_label[("Members", "member organisations")] == (2, 2, 0)
    # A visitor sees the diff of published reports only.
    response = client.get(reverse("reports:diff"), {"before": first.slug, "after": second.slug})
    assert response.context["rows"] is None
    client.force_login(coordinator)
    response = client.get(reverse("reports:diff"), {"before": first.slug, "after": second.slug})
    assert "+1" in response.text


@pytest.mark.django_db
def test_atlas_dcat_catalogue_structure(client):
    InitiativeFactory(published_at=at(2025, 2, 1))
    response = client.get(reverse("atlas:dcat"))
    assert response["Content-Type"] == "application/ld+json"
    catalogue = response.json()
    assert catalogue["@type"] == "dcat:Catalog"
    assert set(catalogue["@context"]) == {"dcat", "dct", "foaf", "xsd"}
    assert catalogue["@id"] == "http://testserver/atlas/dcat.jsonld"
    (dataset,) = catalogue["dcat:dataset"]
    assert dataset["@type"] == "dcat:Dataset"
    assert dataset["dcat:landingPage"] == {"@id": "http://testserver/atlas/"}
    assert [d["dcat:downloadURL"]["@id"] for d in dataset["dcat:distribution"]] == [
        f"http://testserver/atlas/export.{fmt}" for fmt in ("csv", "xlsx", "json", "geojson")
    ]
    assert all(d["@type"] == "dcat:Distribution" for d in dataset["dcat:distribution"])
    for distribution in dataset["dcat:distribution"]:
        assert client.get(distribution["dcat:downloadURL"]["@id"]).status_code == 200


@pytest.mark.django_db
def test_the_list_reads_a_fixed_number_of_queries(data, client, django_assert_num_queries):
    coordinator = CoordinatorFactory()
    for _ in range(3):
        _published(coordinator)
    client.force_login(coordinator)
    with django_assert_num_queries(3):  # the session, the user, the reports
        response = client.get(reverse("reports:list"))
    assert len(response.context["reports"]) == 3
    client.logout()
    with django_assert_num_queries(1):
        assert len(client.get(reverse("reports:list")).context["reports"]) == 3


@pytest.mark.django_db
def test_each_app_with_no_data_gives_no_section():
    from django.utils.module_loading import import_string

    for app in registry.report_section_apps():
        function = import_string(app.report_section.replace(":", "."))
        assert function(datetime.date(2000, 1, 1), datetime.date(2030, 1, 1)) is None, app.label


def test_each_section_renders_with_full_data_from_the_shared_world(world, db):
    """The section template is the page's and the PDF's; every app contributes one here."""
    from django.template.loader import render_to_string
    from django.utils import timezone

    from sustainai.atlas.models import Initiative
    from sustainai.toolkits.foresight.models import SavedScenario
    from sustainai.toolkits.standards.services import change_status
    from tests.factories.workstreams import MeetingFactory

    now = timezone.now()
    Initiative.objects.filter(pk=world.initiative.pk).update(published_at=now)
    MeetingFactory(
        workstream=world.confirmed_workstream, starts_at=now - datetime.timedelta(days=1)
    )
    change_status(world.standard, "revised", timezone.localdate())
    SavedScenario.objects.create(
        workstream=world.unjoined_workstream, title="Agents", query="preset=iea-base"
    )
    end = timezone.localdate() + datetime.timedelta(days=1)
    sections = [
        selectors.section_data(section)
        for section in registry.report_sections(datetime.date(2000, 1, 1), end)
    ]
    assert [section["key"] for section in sections] == KEYS
    for section in sections:
        html = render_to_string("reports/_section.html", {"section": section})
        assert f'<h2 id="section-{section["key"]}-h">{section["title"]}</h2>' in html
        for figure in section["figures"]:
            assert f"<strong>{figure['value']}</strong>" in html


@pytest.mark.django_db
def test_the_demo_report_is_frozen_for_review_and_loaded_once():
    import io

    from sustainai.accounts import demo as accounts_demo
    from sustainai.atlas import demo as atlas_demo
    from sustainai.members import demo as members_demo
    from sustainai.reports import demo

    out = io.StringIO()
    for loader in (members_demo, accounts_demo, atlas_demo, demo, demo):
        loader.load(out)
    [report] = Report.objects.filter(is_demo=True)
    assert (report.is_demo, report.state, report.languages) == (True, "frozen", ["en", "fr"])
    assert "atlas" in selectors.section_keys(report)
    assert report.data_version["snapshot"] == selectors.canonical_hash(report.snapshot)
    assert out.getvalue().endswith("demo report already there")


@pytest.mark.django_db
def test_a_demo_report_counts_demo_records_and_a_real_one_does_not():
    import io

    from sustainai.toolkits.pilots import demo as pilots_demo

    out = io.StringIO()
    for label, load in registry.demo_loaders():
        load(out)
        if label == "pilots":
            break
    today = datetime.date.today()
    real = services.freeze(make_report(as_of=today, period_start=START, sections=["pilots"]))
    demo_report = make_report(as_of=today, period_start=START, sections=["pilots"])
    Report.objects.filter(pk=demo_report.pk).update(is_demo=True)
    demo_report = services.freeze(Report.objects.get(pk=demo_report.pk))
    # Real pilots (none, or those of the shared world) count in both; the demo ones in one only.
    real_pilots = figures(real).get(("pilots", "0"), 0)
    assert selectors.section_keys(demo_report) == ["pilots"]
    assert figures(demo_report)[("pilots", "0")] == real_pilots + len(pilots_demo.PILOTS)
