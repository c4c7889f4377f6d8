"""Pages, API, brochure, demo, panel and report section of the pilots showcase."""

import datetime
import io

import pytest
from django.utils import timezone

from sustainai.core import registry
from sustainai.toolkits.pilots import demo, services
from sustainai.toolkits.pilots.models import Collection, Pilot, State
from tests.factories.accounts import MemberUserFactory
from tests.pilots.helpers import kpi, values


def _published(lead, **changes):
    kpis = changes.pop("kpis", [kpi()])
    countries = changes.pop("countries", ["FR"])
    pilot = services.submit(values(**changes), kpis, None, countries=countries)
    services.moderate(pilot, True, lead)
    pilot.refresh_from_db()
    return pilot


@pytest.fixture
def three(showcase, lead_user):
    """A positive pilot in France (energy, TRL 6), a negative one in Kenya (agriculture, TRL 8)
    whose footprint is coalition-only, and one pending."""
    good = _published(lead_user, title="Grid forecasting")
    bad = _published(
        lead_user,
        title="Crop vision",
        sector="agriculture",
        trl=8,
        sdgs=[2],
        countries=["KE"],
        kpis=[kpi(avoided_kgco2e=10.0, avoided_low=5.0, avoided_high=20.0)],
        coalition_only=["footprint", "partners"],
        partners="Secret Partner",
    )
    pending = services.submit(values(title="Pending pilot"), [kpi()], None, countries=["FR"])
    return good, bad, pending


def test_gallery_facets_and_map(client, three, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get("/pilots/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Grid forecasting" in html and "Crop vision" in html
    assert "Pending pilot" not in html
    assert 'data-country="FR"' in html and "<svg" in html
    assert (
        '<ul class="facet" data-facet="sign"><li><a href="?sign=positive">Positive</a> (1)' in html
    )
    # TRL 6 and 8: "at least 6" counts both.
    assert '<a href="?trl_min=6">TRL 6</a> (2)</li><li><a href="?trl_min=8">TRL 8</a> (1)' in html
    # The coalition-only footprint hides the negative pilot's net effect from the public: only
    # the first is counted (940, range 740 to 1,240).
    assert "Net effect of 1 pilot: 940 (range 740 to 1,240) kg CO2e a year." in html
    assert "1 pilot shows its figures to the coalition only." in html
    # The country list offers the countries of published pilots, not all 250.
    country_list = html.split('name="country"')[1].split("</select>")[0]
    assert country_list.count("<option") == 1 + len(
        {link.country for pilot in three[:2] for link in pilot.country_links.all()}
    )


def test_gallery_country_list_keeps_a_chosen_country_without_pilots(client, three):
    html = client.get("/pilots/", {"country": "JP"}).content.decode()
    assert '<option value="JP" selected>Japan</option>' in html
    assert "No pilot" in html or "Grid forecasting" not in html


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("sector=agriculture", ["Crop vision"]),
        ("country=KE", ["Crop vision"]),
        ("trl_min=7", ["Crop vision"]),
        ("sdg=13", ["Grid forecasting"]),
        ("sign=positive", ["Grid forecasting"]),
        ("sign=negative", []),
    ],
)
def test_gallery_filters(client, three, query, titles):
    response = client.get(f"/pilots/?{query}")
    shown = [p.title for p, _shown in response.context["pilots"]]
    assert shown == titles


def test_member_sees_coalition_only_parts(client, three):
    good, bad, _pending = three
    html = client.get(bad.get_absolute_url()).content.decode()
    assert "Secret Partner" not in html
    assert "shown to the coalition only" in html
    client.force_login(MemberUserFactory())
    html = client.get(bad.get_absolute_url()).content.decode()
    assert "Secret Partner" in html
    assert (
        "<code>accelerator_hours: 1000 · carbon_intensity_g_per_kwh: 100 · "
        "embodied_kgco2e_per_accelerator: 0 · power_w: 500 · pue: 1.2</code>"
    ) in html
    # 10 (5–20) − 60 = −50 (−55 to −40).
    assert "-50 (range -55 to -40)" in html.replace("−", "-")
    response = client.get("/pilots/?sign=negative")
    assert [p.title for p, _ in response.context["pilots"]] == ["Crop vision"]


def test_pending_pilot_hidden_from_public(client, three, lead_user):
    _good, _bad, pending = three
    assert client.get(pending.get_absolute_url()).status_code == 404
    client.force_login(lead_user)
    assert client.get(pending.get_absolute_url()).status_code == 200


def test_api_exactly_as_specified(client, three, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/pilots?sector=energy&country=FR&trl_min=6")
    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "items": [
            {
                "slug": "grid-forecasting",
                "title": "Grid forecasting",
                "trl": 6,
                "sector": "energy",
                "countries": ["FR"],
                "benefit_kgco2e": {"value": 1000.0, "low": 800.0, "high": 1300.0},
                "footprint_kgco2e": {"value": 60.0, "low": 60.0, "high": 60.0},
                "net_effect_kgco2e": {"value": 940.0, "low": 740.0, "high": 1240.0},
            }
        ],
    }
    data = client.get("/api/v1/pilots?country=KE").json()
    assert data["items"][0]["net_effect_kgco2e"] is None
    assert client.get("/api/v1/pilots?trl_min=10").status_code == 422
    assert client.get("/api/v1/pilots?country=ZZ").status_code == 422


def test_submit_moderate_and_publish(client, showcase, lead_user):
    member = MemberUserFactory()
    client.force_login(member)
    assert client.get("/pilots/submit/").status_code == 200
    form = {
        "title": "Building control",
        "summary": "HVAC control.",
        "lead_organisation_label": "Heat Lab",
        "problem": "Wasted heating.",
        "sector": "buildings",
        "sdgs": ["7"],
        "domain": "climate_mitigation",
        "openness": "open",
        "status": "pilot",
        "trl": "5",
        "training_spec": "",
        "inference_spec": '{"accelerator_hours": 100, "power_w": 100, "pue": 1, '
        '"carbon_intensity_g_per_kwh": 500, "embodied_kgco2e_per_accelerator": 0}',
        "inference_months": "12",
        "service_years": "1",
        "measured_months": "12",
        "countries": ["DE"],
        "evidence": "Report | https://example.org/r",
        "kpi-TOTAL_FORMS": "2",
        "kpi-INITIAL_FORMS": "0",
        "kpi-MIN_NUM_FORMS": "0",
        "kpi-MAX_NUM_FORMS": "20",
        "kpi-0-name": "Heating energy",
        "kpi-0-unit": "MWh",
        "kpi-0-period_months": "12",
        "kpi-0-result": "80",
        "kpi-0-method": "measured",
        "kpi-0-avoided_kgco2e": "100",
    }
    bad = client.post("/pilots/submit/", {**form, "kpi-0-unit": "", "trl": "12"})
    assert bad.status_code == 422
    assert bad.context["form"].errors["trl"] == ["The technology readiness level runs from 1 to 9."]
    assert bad.context["formset"].forms[0].errors["unit"] == [
        "Give the unit of the baseline and result."
    ]
    assert Pilot.objects.count() == 0
    response = client.post("/pilots/submit/", form)
    pilot = Pilot.objects.get()
    assert response.url == pilot.get_absolute_url()
    # 100 h × 100 W × 500 g/kWh = 5 kg; 100 − 5 = 95.
    assert (pilot.net_value, pilot.state) == (95, State.SUBMITTED)
    assert client.get("/pilots/moderation/").status_code == 403
    client.force_login(lead_user)
    assert "Building control" in client.get("/pilots/moderation/").content.decode()
    response = client.post(f"/pilots/moderation/{pilot.slug}/", {"decision": "publish"})
    assert response.status_code == 302
    pilot.refresh_from_db()
    assert pilot.state == State.PUBLISHED
    client.logout()
    assert "Building control" in client.get("/pilots/?sector=buildings").content.decode()


def _edit_form(client, pilot, **changes):
    """The edit page's form as a browser would send it back, with ``changes``."""
    response = client.get(f"/pilots/{pilot.slug}/edit/")
    assert response.status_code == 200
    form, formset = response.context["form"], response.context["formset"]
    data = {name: form[name].value() for name in form.fields}
    data.update({f"kpi-{k}": v for k, v in formset.management_form.initial.items()})
    for i, kpi_form in enumerate(formset.forms):
        data.update({f"kpi-{i}-{name}": kpi_form[name].value() for name in kpi_form.fields})
    data.update(changes)
    return {k: v for k, v in data.items() if v not in (None, False)}


def test_the_submitter_edits_and_a_moderated_pilot_goes_back_to_review(client, three, lead_user):
    good, _bad, pending = three
    member = MemberUserFactory()
    Pilot.objects.filter(pk__in=[good.pk, pending.pk]).update(submitted_by=member)
    good.refresh_from_db()
    # Another member may not; the public sees no edit link.
    assert "Edit this pilot" not in client.get(good.get_absolute_url()).content.decode()
    client.force_login(MemberUserFactory())
    assert client.get(f"/pilots/{good.slug}/edit/").status_code == 403
    client.force_login(member)
    assert "Edit this pilot" in client.get(good.get_absolute_url()).content.decode()
    page = client.get(f"/pilots/{good.slug}/edit/").content.decode()
    assert "Your changes send it back to them for review." in page
    assert 'value="Grid forecasting"' in page
    form = _edit_form(client, good, title="Grid forecasting, second phase")
    response = client.post(f"/pilots/{good.slug}/edit/", form)
    assert response.status_code == 302
    good.refresh_from_db()
    assert (good.title, good.state, good.moderated_at) == (
        "Grid forecasting, second phase",
        State.SUBMITTED,
        None,
    )
    # Its KPIs, countries and evidence came back unchanged: the edit changed the title only.
    assert good.kpis.count() == 1
    assert [link.country.code for link in good.country_links.all()] == ["FR"]
    assert [r.changes for r in good.revisions.all()] == [
        [
            {
                "field": "title",
                "before": "Grid forecasting",
                "after": "Grid forecasting, second phase",
            }
        ]
    ]
    # The moderators see it marked in their queue, and what changed, before and after.
    client.force_login(lead_user)
    queue = client.get("/pilots/moderation/").content.decode()
    assert "edited once since its last decision" in queue
    page = client.get(f"/pilots/moderation/{good.slug}/").content.decode()
    assert "What changed since the last decision" in page
    assert "Edited by its submitter on" in page
    assert (
        '<tr><th scope="row">Title</th><td><p>Grid forecasting</p></td>'
        "<td><p>Grid forecasting, second phase</p></td></tr>"
    ) in page
    client.force_login(member)
    client.logout()
    assert client.get(good.get_absolute_url()).status_code == 404
    # A lead's edit keeps a published pilot published.
    client.force_login(lead_user)
    client.post(f"/pilots/moderation/{good.slug}/", {"decision": "publish"})
    # The decision reviewed the edit: the next moderation shows it no more.
    assert list(good.revisions.values_list("reviewed", flat=True)) == [True]
    response = client.post(
        f"/pilots/{good.slug}/edit/", _edit_form(client, good, summary="Forecasts, phase two.")
    )
    assert response.status_code == 302
    good.refresh_from_db()
    assert (good.summary, good.state) == ("Forecasts, phase two.", State.PUBLISHED)
    assert good.revisions.first().state_before == State.PUBLISHED
    # Refused input answers 422 and changes nothing.
    bad = client.post(f"/pilots/{good.slug}/edit/", _edit_form(client, good, trl="12"))
    assert bad.status_code == 422
    good.refresh_from_db()
    assert good.trl == 6


def test_brochure_pdf_text(client, three, lead_user):
    from pypdf import PdfReader

    good, bad, _pending = three
    client.force_login(lead_user)
    response = client.post(
        "/pilots/collections/",
        {"title": "COP showcase", "event": "COP", "pilots": [good.pk, bad.pk]},
    )
    collection = Collection.objects.get()
    assert response.url == collection.get_absolute_url()
    client.logout()
    response = client.get(f"/pilots/collections/{collection.slug}.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 3  # the cover with map and totals, then one page a pilot
    cover = reader.pages[0].extract_text()
    assert "COP showcase" in cover
    assert "Net effect" in cover and "940 (range 740 to 1,240)" in cover
    assert (
        "Grid forecasting" in reader.pages[1].extract_text()
        or "Grid forecasting" in reader.pages[2].extract_text()
    )
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Secret Partner" not in text


def test_demo_loads_twice_panel_and_report(client, showcase, lead_user):
    out = io.StringIO()
    demo.load(out)
    demo.load(out)
    assert Pilot.objects.filter(is_demo=True, state=State.PUBLISHED).count() == len(demo.PILOTS)
    assert len(demo.PILOTS) >= 12
    for pilot in Pilot.objects.all():
        assert pilot.evidence.filter(url__startswith="https://").exists(), pilot.slug
        assert pilot.assumptions, pilot.slug
    assert Collection.objects.get().pilots.count() == 4
    # Avoided emissions resting on assumptions say so beside the figure.
    html = client.get("/pilots/demo-traffic-light-timing/").content.decode()
    assert "720,000 (180,000 – 1,440,000) <em>(assumed)</em>" not in html
    assert "60,000 (15,000 – 120,000) <em>(assumed)</em>" in html
    # The demo brochure: a cover, then exactly one page a pilot.
    from pypdf import PdfReader

    pdf = client.get("/pilots/collections/demo-grids-and-weather.pdf").content
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 5
    assert client.get("/pilots/").status_code == 200
    html = registry.render_workstream_panels(None, showcase)
    assert f"{len(demo.PILOTS)} published pilots." in html
    # Demo pilots are not in the reports; a real one published today is.
    today = timezone.localdate()
    assert registry.report_sections(today, today) == [] or all(
        s.title != "AI pilots showcase" for s in registry.report_sections(today, today)
    )
    _published(lead_user, title="Real pilot")
    from sustainai.toolkits.pilots.panels import report_section

    section = report_section(today - datetime.timedelta(days=1), today)
    assert section.figures[0].value == 1
    assert section.items == [
        "Real pilot",
        "Total net effect: 940 (range 740 to 1,240) kg CO2e a year (1 pilot with public figures).",
    ]
    # Only while a demo report is frozen do the demo pilots count too.
    from sustainai.core.demo import demo_records_counted

    with demo_records_counted():
        section = report_section(today - datetime.timedelta(days=1), today)
    assert section.figures[0].value == 1 + len(demo.PILOTS)
    assert report_section(today - datetime.timedelta(days=1), today).figures[0].value == 1


def test_gallery_and_pilot_in_french(client, three):
    good, _bad, _pending = three
    client.cookies["django_language"] = "fr"
    html = client.get("/pilots/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<h1>Vitrine des projets pilotes d'IA</h1>" in html
    assert "Effet net de 1 projet pilote : 940 (fourchette de 740 à 1" in html
    html = client.get(good.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Effet net (kg CO2e par an)" in html
    assert "Atténuation du changement climatique" in html


def test_list_pages_query_counts(client, three, lead_user, django_assert_max_num_queries):
    good, bad, _pending = three
    collection = services.save_collection(
        Collection(title="COP showcase", event="COP"), [good, bad], lead_user
    )
    with django_assert_max_num_queries(8):
        assert client.get(collection.get_absolute_url()).status_code == 200
    client.force_login(lead_user)
    for _n in range(3):
        services.submit(values(title="Another"), [kpi()], None, countries=["IT", "ES"])
    with django_assert_max_num_queries(10):
        response = client.get("/pilots/moderation/")
    assert response.content.decode().count('data-pilot="another') == 3
    with django_assert_max_num_queries(10):
        assert client.get("/pilots/collections/").status_code == 200
