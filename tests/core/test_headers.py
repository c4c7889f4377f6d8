"""Security headers on every response, and no-store on every response a cache must not keep
(``core.headers``), checked across the routes of the role matrix."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.core.test_role_matrix import API_OPERATIONS, ROUTES, client_for, route_name
from tests.world import ROLES

NEVER_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private"

# What an anonymous visitor's GET of these may be kept by a cache: public pages that show nobody's
# personal data. Every other response, and every response to a signed-in person, is no-store.
STORABLE_FOR_ANONYMOUS = {
    "core:home",
    "atlas:directory",
    "atlas:detail",
    "atlas:map",
    "atlas:charts",
    "atlas:export",
    "atlas:dcat",
    "members:directory",
    "members:apply",
    "members:applied",
    "calls:list",
    "calls:detail",
    "calls:workstream",
    "calls:spaces_moved",
    "calls:space_moved",
    "calls:space_moved_page",
    "calculator:calculator",
    "calculator:export",
    "foresight:scenario",
    "foresight:export",
    "transparency:index",
    "transparency:table",
    "transparency:intensities",
    "standards:list",
    "standards:detail",
    "standards:coverage",
    "standards:graph",
    "standards:export",
    "standards:editions",
    "standards:edition",
    "standards:edition_pdf",
    "reports:list",
    "reports:diff",
    "api-reference",
    "api-operation",
    "procurement:criteria",
    "procurement:export",
    "pilots:gallery",
    "pilots:detail",
    "pilots:collection",
    "pilots:brochure",
    "challenges:list",
    "challenges:detail",
    "challenges:data",
    "model_library:catalogue",
    "model_library:pareto",
    "model_library:export",
    "model_library:entry",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_complete",
    # 405: the switch takes a POST.
    "set_language",
    # 404: a proposal with no space; an initiative not published, whose page says only that.
    "calls:space_moved@proposed",
    "atlas:detail@pending",
    "pilots:detail@pending",
    "model_library:entry@proposed",
}


def policy(header: str) -> dict[str, str]:
    directives = (part.strip().split(" ", 1) for part in header.split(";"))
    return {name: value for name, value in directives}


def test_every_page_gets_the_strict_content_security_policy(client, db):
    response = client.get(reverse("core:home"))
    assert policy(response["Content-Security-Policy"]) == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


def test_swagger_ui_runs_under_the_same_policy(client, db):
    response = client.get(reverse("api:openapi-view"))
    assert response.status_code == 200
    assert policy(response["Content-Security-Policy"])["script-src"] == "'self'"
    assert b"<script>" not in response.content


def test_the_browser_features_and_the_referrer_are_restricted(client, db):
    response = client.get(reverse("core:home"))
    assert response["Permissions-Policy"] == (
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
        "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
    )
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def storable_routes(world, role: str, method: str) -> set[str]:
    """The routes whose response to ``role`` carries no no-store."""
    client = client_for(world, role)
    storable = set()
    for key, expect in ROUTES.items():
        if (expect.get if method == "GET" else expect.post) is None:
            continue
        url = reverse(route_name(key), kwargs=expect.kwargs(world))
        if expect.query:
            url += "?" + expect.query
        response = client.get(url) if method == "GET" else client.post(url, expect.data(world))
        if "no-store" not in response.get("Cache-Control", ""):
            storable.add(key)
    return storable


@pytest.mark.parametrize("role", ROLES)
def test_only_public_pages_seen_anonymously_may_be_stored(world, db, role):
    expected = STORABLE_FOR_ANONYMOUS if role == "anonymous" else set()
    assert storable_routes(world, role, "GET") == expected


@pytest.mark.parametrize("role", ROLES)
def test_no_answer_to_a_post_may_be_stored(world, db, role):
    assert storable_routes(world, role, "POST") == set()


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("members:my_data", {}),
        ("members:export_my_data", {}),
        ("members:organisation", {"slug": "member-org"}),
        ("members:add_contact", {"slug": "member-org"}),
        ("members:applications", {}),
        ("outbox:list", {}),
        ("consultations:export", {"slug": "priorities", "fmt": "csv"}),
        ("consultations:export", {"slug": "priorities", "fmt": "xlsx"}),
        ("calls:dashboard_export", {}),
        ("calls:expressions", {"slug": "closed-call"}),
    ],
)
def test_personal_data_is_never_cached(world, db, name, kwargs):
    client = Client()
    client.force_login(world.coordinator)
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert response["Cache-Control"] == NEVER_CACHE


def test_a_contacts_withdrawal_page_is_never_cached_for_the_link_holder(world, db):
    url = reverse("members:withdraw_contact", kwargs={"token": world.withdrawal_token})
    response = Client().get(url)
    assert response.status_code == 200
    assert world.contact.email in response.content.decode()
    assert response["Cache-Control"] == NEVER_CACHE


@pytest.mark.parametrize("key", [key for key in API_OPERATIONS if key.startswith("GET ")])
def test_api_answers_are_never_cached(world, db, key):
    path = route_name(key).split(" ", 1)[1].format(**API_OPERATIONS[key].path(world))
    anonymous = Client().get(path)
    with_token = Client().get(
        path, headers={"Authorization": f"Bearer {world.api_tokens['member']}"}
    )
    assert (anonymous["Cache-Control"], with_token["Cache-Control"]) == (NEVER_CACHE, NEVER_CACHE)
