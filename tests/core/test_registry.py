"""The registry our apps plug into (``core.registry``): what each app contributes, in order, and a
toolkit that one entry in ``INSTALLED_APPS`` plugs into every page it contributes to."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import override_settings
from django.urls import clear_url_caches, reverse

import sustainai.urls
from sustainai.atlas import api as atlas_api
from sustainai.calculator import api as calculator_api
from sustainai.calls import api as calls_api
from sustainai.core import registry
from sustainai.core.registry import SustainAIApp
from sustainai.toolkits.challenges import api as challenges_api
from sustainai.toolkits.foresight import api as foresight_api
from sustainai.toolkits.models import api as models_api
from sustainai.toolkits.pilots import api as pilots_api
from sustainai.toolkits.procurement import api as procurement_api
from sustainai.toolkits.standards import api as standards_api
from sustainai.toolkits.transparency import api as transparency_api
from tests.factories.atlas import InitiativeFactory, SubmittedInitiativeFactory
from tests.factories.calls import CallFactory
from tests.factories.members import OrganisationFactory
from tests.factories.workstreams import WorkstreamFactory

OUR_APPS = [name for name in settings.INSTALLED_APPS if name.startswith("sustainai.")]

ANONYMOUS_NAVIGATION = [
    ("Atlas", "atlas:directory"),
    ("Map", "atlas:map"),
    ("Members", "members:directory"),
    ("Calls", "calls:list"),
    ("Standards", "standards:list"),
    ("Procurement", "procurement:criteria"),
    ("Pilots", "pilots:gallery"),
    ("Footprint", "calculator:calculator"),
    ("Foresight", "foresight:scenario"),
    ("Challenges", "challenges:list"),
    ("Models", "model_library:catalogue"),
]
MEMBER_NAVIGATION = [
    ("Atlas", "atlas:directory"),
    ("Map", "atlas:map"),
    ("Members", "members:directory"),
    ("Calls", "calls:list"),
    ("Workstreams", "workstreams:list"),
    ("Standards", "standards:list"),
    ("Procurement", "procurement:criteria"),
    ("Pilots", "pilots:gallery"),
    ("Footprint", "calculator:calculator"),
    ("Foresight", "foresight:scenario"),
    ("Challenges", "challenges:list"),
    ("Models", "model_library:catalogue"),
]
COORDINATOR_NAVIGATION = [*MEMBER_NAVIGATION, ("Coordination", "core:coordination")]

COORDINATION = [
    (
        "Atlas",
        [
            ("Moderation queue", "atlas:moderation"),
            ("Import initiatives", "atlas:import"),
            ("Possible duplicates", "linkage:queue"),
            ("Overlap report", "linkage:overlaps"),
        ],
    ),
    (
        "Members and consultations",
        [
            ("Membership applications", "members:applications"),
            ("Consultations", "consultations:list"),
        ],
    ),
    (
        "Calls and workstreams",
        [
            ("Workstream spaces", "workstreams:list"),
            ("Interest dashboard", "calls:dashboard"),
            ("Standard proposals", "standards:proposals"),
            ("Standards roadmap editions", "standards:editions"),
            ("Pilots to moderate", "pilots:moderation"),
            ("Pilot collections", "pilots:collections"),
            ("Model proposals", "model_library:proposals"),
        ],
    ),
    (
        "Workstream toolkits",
        [
            ("Aggregate tables", "transparency:manage"),
            ("Readers of raw figures", "transparency:readers"),
            ("Procurement criteria to moderate", "procurement:moderation"),
        ],
    ),
    ("Administration", [("Administration", "admin:index"), ("Outbox", "outbox:list")]),
    ("Event reports", [("Event reports", "reports:list")]),
]

URL_INCLUDES = [
    ("", "sustainai.core.urls"),
    ("accounts/", "sustainai.accounts.urls"),
    ("members/", "sustainai.members.urls"),
    ("atlas/", "sustainai.atlas.urls"),
    ("atlas/duplicates/", "sustainai.linkage.urls"),
    ("outbox/", "sustainai.outbox.urls"),
    ("consultations/", "sustainai.consultations.urls"),
    ("workstreams/", "sustainai.workstreams.urls"),
    ("calls/", "sustainai.calls.urls"),
    ("footprint/", "sustainai.calculator.urls"),
    ("transparency/", "sustainai.toolkits.transparency.urls"),
    ("foresight/", "sustainai.toolkits.foresight.urls"),
    ("standards/", "sustainai.toolkits.standards.urls"),
    ("procurement/", "sustainai.toolkits.procurement.urls"),
    ("pilots/", "sustainai.toolkits.pilots.urls"),
    ("challenges/", "sustainai.toolkits.challenges.urls"),
    ("models/", "sustainai.toolkits.models.urls"),
    ("reports/", "sustainai.reports.urls"),
]


def entries(links) -> list[tuple[str, str]]:
    return [(str(link.label), link.url_name) for link in links]


def sections(user) -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (str(section.title), entries(section.links))
        for section in registry.coordination_sections(user)
    ]


def figures(found) -> list[tuple[int, str]]:
    return [(figure.value, str(figure.label)) for figure in found]


# Each app's contributions.


def test_each_app_of_ours_is_configured_by_its_own_platform_app():
    # A configuration that forgot ``default = True`` leaves Django with the plain AppConfig, and
    # the app's contributions silently lost.
    configs = [config for config in apps.get_app_configs() if config.name.startswith("sustainai.")]
    assert [config.name for config in configs] == OUR_APPS
    for config in configs:
        assert isinstance(config, SustainAIApp), config.name
        assert type(config) is not SustainAIApp
        assert type(config).__module__ == f"{config.name}.apps"
    assert [app.name for app in registry.platform_apps()] == OUR_APPS


def test_apps_sharing_a_coordination_box_declare_the_same_title_and_order():
    # The first app's title and order are kept: a different one elsewhere would be lost silently.
    declared: dict[str, tuple[str, int]] = {}
    for app in registry.platform_apps():
        for section in app.coordination:
            title_and_order = (str(section.title), section.order)
            assert declared.setdefault(section.key, title_and_order) == title_and_order, app.label


@pytest.mark.django_db
def test_navigation_by_role(member_user, coordinator):
    assert entries(registry.navigation(AnonymousUser())) == ANONYMOUS_NAVIGATION
    assert entries(registry.navigation(member_user)) == MEMBER_NAVIGATION
    assert entries(registry.navigation(coordinator)) == COORDINATOR_NAVIGATION


@pytest.mark.django_db
def test_pages_draw_the_navigation_of_their_user(client, member_user):
    def link(label, url_name):
        return f'<li><a href="{reverse(url_name)}">{label}</a></li>'

    menu = registry.navigation_menu(member_user)
    drawn = "".join(
        (
            f'<li class="nav-group"><details><summary>{item.label}</summary><ul>'
            + "".join(link(e.label, e.url_name) for e in item.entries)
            + "</ul></details></li>"
        )
        if isinstance(item, registry.NavGroup)
        else link(item.label, item.url_name)
        for item in menu
    )
    assert [str(item.label) for item in menu][4:6] == ["Workstreams", "Toolkits"]
    assert drawn not in client.get("/").text
    client.force_login(member_user)
    assert drawn in client.get("/").text


@pytest.mark.django_db
def test_coordination_sections_merge_the_apps_links_by_key(coordinator, member_user):
    assert sections(coordinator) == COORDINATION
    assert sections(member_user) == []
    assert sections(AnonymousUser()) == []


@pytest.mark.django_db
def test_coordination_page_draws_the_sections(coordinator_client):
    text = coordinator_client.get("/coordination/").text
    for title, links in COORDINATION:
        assert f"<h2>{title}</h2>" in text
        for label, name in links:
            assert f'<li><a href="{reverse(name)}">{label}</a>' in text


def test_home_cards():
    assert [(str(card.title), card.url_name) for card in registry.home_cards()] == [
        ("Atlas of initiatives", "atlas:directory"),
        ("Calls for expressions of interest", "calls:list"),
        ("Buying frugal AI", "procurement:criteria"),
        ("AI pilots showcase", "pilots:gallery"),
        ("Footprint calculator", "calculator:calculator"),
        ("Agentic AI foresight", "foresight:scenario"),
        ("Frugal AI challenges", "challenges:list"),
        ("Compressed models library", "model_library:catalogue"),
        ("Event reports", "reports:list"),
    ]


@pytest.mark.django_db
def test_home_figures():
    InitiativeFactory(countries=["FR"])
    InitiativeFactory(countries=["FR", "DE"])
    SubmittedInitiativeFactory(countries=["IT"], submitted_by=None)
    OrganisationFactory()
    CallFactory()
    assert figures(registry.home_figures()) == [
        (2, "published initiatives"),
        (2, "countries named"),
        (1, "member organisation"),
        (1, "open call"),
    ]


def test_demo_loaders_run_in_order():
    loaders = registry.demo_loaders()
    assert [label for label, _load in loaders] == [
        "members",
        "accounts",
        "atlas",
        "linkage",
        "consultations",
        "calls",
        "workstreams",
        "foresight",
        "standards",
        "procurement",
        "pilots",
        "model_library",
        "challenges",  # demo_order 85: its example submissions come after the others
        "reports",  # demo_order 95: a report gathers the others' figures
    ]
    for label, load in loaders:
        module = f"{apps.get_app_config(label).name}.demo"
        assert load is importlib.import_module(module).load


def test_personal_data_sources():
    assert registry.personal_data_sources() == [
        "sustainai.accounts.personal_data",
        "sustainai.members.personal_data",
        "sustainai.atlas.personal_data",
        "sustainai.outbox.personal_data",
        "sustainai.consultations.personal_data",
        "sustainai.calls.personal_data",
        "sustainai.toolkits.transparency.personal_data",
        "sustainai.toolkits.foresight.personal_data",
        "sustainai.toolkits.standards.personal_data",
        "sustainai.toolkits.procurement.personal_data",
        "sustainai.toolkits.pilots.personal_data",
        "sustainai.toolkits.challenges.personal_data",
        "sustainai.toolkits.models.personal_data",
        "sustainai.reports.personal_data",
    ]


def test_api_routers():
    assert list(registry.api_routers()) == [
        ("/v1/initiatives", atlas_api.router),
        ("/v1/calls", calls_api.router),
        ("/v1/footprint", calculator_api.router),
        ("/v1/transparency", transparency_api.router),
        ("/v1/foresight", foresight_api.router),
        ("/v1/standards", standards_api.router),
        ("/v1/procurement", procurement_api.router),
        ("/v1/pilots", pilots_api.router),
        ("/v1/challenges", challenges_api.router),
        ("/v1/models", models_api.router),
    ]


def test_url_includes_in_order():
    assert list(registry.url_includes()) == URL_INCLUDES
    included = [str(pattern.pattern) for pattern in sustainai.urls.urlpatterns]
    assert included == [prefix for prefix, _module in URL_INCLUDES] + [
        "i18n/setlang/",
        "api/",
        "api/docs",
        "api/docs/<str:operation_id>",
        "admin/",
    ]


@pytest.mark.django_db
def test_report_sections_in_order_and_only_of_apps_with_something_to_report():
    start, end = datetime.date(2025, 1, 1), datetime.date(2025, 3, 31)
    assert registry.report_sections(start, end) == []
    noon = datetime.datetime(2025, 2, 1, 12, tzinfo=datetime.UTC)
    InitiativeFactory(published_at=noon)
    WorkstreamFactory().deliverables.create(
        title="Guide", status="delivered", due_on=datetime.date(2025, 2, 1)
    )
    CallFactory(opens_at=noon - datetime.timedelta(days=30), closes_at=noon)
    assert [str(section.title) for section in registry.report_sections(start, end)] == [
        "Atlas of initiatives",
        "Calls for expressions of interest",
        "Workstreams",
    ]


# A workstream toolkit plugged in by one entry in INSTALLED_APPS.


def _reload_urls() -> None:
    # The site's URLs are read from the registry when ``sustainai.urls`` is imported.
    importlib.reload(sustainai.urls)
    clear_url_caches()


@pytest.fixture
def toolkit():
    with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, "tests.toolkit_app"]):
        _reload_urls()
        yield apps.get_app_config("toolkit_app")
    _reload_urls()


@pytest.fixture
def toolkit_workstream(db):
    return WorkstreamFactory(slug="test-toolkit", title="Toolkit Workstream")


def test_the_toolkit_is_a_platform_app_and_serves_its_urls(toolkit):
    assert registry.platform_apps()[-1] is toolkit
    assert list(registry.url_includes())[-1] == ("test-toolkit/", "tests.toolkit_app.urls")
    assert reverse("toolkit_app:home") == "/test-toolkit/"
    assert registry.toolkits_of("test-toolkit") == [toolkit]
    assert registry.toolkits_of("other") == []


@pytest.mark.django_db
def test_the_toolkit_page_is_served_to_members(toolkit, client, member_user):
    assert client.get("/test-toolkit/").status_code == 302
    client.force_login(member_user)
    response = client.get("/test-toolkit/")
    assert response.status_code == 200
    assert response.text == "Test toolkit home"


@pytest.mark.django_db
def test_the_toolkit_panel_shows_in_its_workstream_space_only(
    toolkit, toolkit_workstream, coordinator_client
):
    WorkstreamFactory(slug="other", title="Other Workstream")
    own = coordinator_client.get(reverse("workstreams:space", args=["test-toolkit"]))
    assert own.status_code == 200
    assert '<section id="test-toolkit-space">Toolkit of Toolkit Workstream</section>' in own.text
    other = coordinator_client.get(reverse("workstreams:space", args=["other"]))
    assert other.status_code == 200
    assert "test-toolkit-space" not in other.text


@pytest.mark.django_db
def test_the_toolkit_navigation_entry(toolkit, client, member_user):
    toolkit_entry = ("Test toolkit", "toolkit_app:home")
    assert entries(registry.navigation(AnonymousUser())) == ANONYMOUS_NAVIGATION
    assert entries(registry.navigation(member_user)) == [
        *MEMBER_NAVIGATION[:6],
        toolkit_entry,
        *MEMBER_NAVIGATION[6:],
    ]
    client.force_login(member_user)
    assert '<li><a href="/test-toolkit/">Test toolkit</a></li>' in client.get("/").text


@pytest.mark.django_db
def test_the_toolkit_coordination_link_joins_the_calls_and_workstreams_box(
    toolkit, coordinator_client, coordinator
):
    expected = [*COORDINATION]
    title, links = expected[2]
    expected[2] = (title, [*links, ("Test toolkit results", "toolkit_app:home")])
    assert sections(coordinator) == expected
    text = coordinator_client.get("/coordination/").text
    assert '<li><a href="/test-toolkit/">Test toolkit results</a></li>' in text


@pytest.mark.django_db
def test_the_toolkit_home_figure(toolkit, toolkit_workstream, client):
    InitiativeFactory(countries=["FR"])
    assert figures(registry.home_figures()) == [
        (1, "published initiative"),
        (1, "country named"),
        (1, "workstreams with the test toolkit"),
        (0, "member organisations"),
        (0, "open calls"),
    ]
    assert "<li><strong>1</strong> workstreams with the test toolkit</li>" in client.get("/").text


@pytest.mark.django_db
def test_the_toolkit_panel_on_an_initiative_page(toolkit, client):
    initiative = InitiativeFactory(name="Green Inference", slug="green-inference")
    response = client.get(initiative.get_absolute_url())
    assert response.status_code == 200
    assert '<section id="test-toolkit-initiative">Toolkit on Green Inference</section>' in (
        response.text
    )


@pytest.mark.django_db
def test_the_toolkit_report_section(toolkit):
    start, end = datetime.date(2025, 1, 1), datetime.date(2025, 1, 31)
    [section] = registry.report_sections(start, end)
    assert section.title == "Test toolkit"
    assert figures(section.figures) == [(31, "days reported")]
    assert section.items == ["2025-01-01 to 2025-01-31"]


def test_without_its_entry_the_toolkit_contributes_nothing():
    assert "toolkit_app" not in [app.label for app in registry.platform_apps()]
    assert registry.toolkits_of("test-toolkit") == []
    assert "test-toolkit/" not in [str(pattern.pattern) for pattern in sustainai.urls.urlpatterns]


def test_the_header_groups_the_toolkits_where_the_first_of_them_stands():
    menu = registry.navigation_menu(AnonymousUser())
    labels = [str(item.label) for item in menu]
    assert labels == ["Atlas", "Map", "Members", "Calls", "Toolkits", "Footprint"]
    [group] = [item for item in menu if isinstance(item, registry.NavGroup)]
    assert [(str(e.label), e.url_name) for e in group.entries] == [
        ("Standards", "standards:list"),
        ("Procurement", "procurement:criteria"),
        ("Pilots", "pilots:gallery"),
        ("Foresight", "foresight:scenario"),
        ("Challenges", "challenges:list"),
        ("Models", "model_library:catalogue"),
    ]
