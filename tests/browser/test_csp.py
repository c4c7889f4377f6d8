"""The pages work under the Content-Security-Policy: the browser reports no violation on any of
them, and what used inline code (the language switch, htmx) still works."""

import pytest
from django.urls import reverse

from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def public_pages(world):
    return [
        reverse("core:home"),
        reverse("atlas:directory"),
        reverse("atlas:detail", kwargs={"slug": world.initiative.slug}),
        reverse("atlas:map"),
        reverse("atlas:charts"),
        reverse("members:directory"),
        reverse("members:apply"),
        reverse("calls:list"),
        reverse("calls:detail", kwargs={"slug": world.open_call.slug}),
        reverse("calculator:calculator") + "?accelerator=H100&accelerator_hours=10&location=FR",
        reverse("accounts:login"),
        # Swagger UI, under its own policy (sustainai.api).
        reverse("api:openapi-view"),
    ]


def member_pages(world):
    return [
        reverse("accounts:profile"),
        reverse("atlas:submit"),
        reverse("members:organisation", kwargs={"slug": world.member_organisation.slug}),
        reverse("members:my_data"),
        reverse("consultations:answer", kwargs={"slug": world.consultation.slug}),
        reverse("workstreams:space", kwargs={"slug": world.confirmed_workstream.slug}),
    ]


def coordinator_pages(world):
    return [
        reverse("core:coordination"),
        reverse("calls:dashboard"),
        reverse("calls:decisions", kwargs={"slug": world.closed_call.slug}),
        reverse("outbox:list"),
        reverse("consultations:results", kwargs={"slug": world.consultation.slug}),
        reverse("linkage:queue"),
        reverse("linkage:overlaps"),
        reverse("atlas:moderation"),
        reverse("atlas:review", kwargs={"pk": world.pending_initiative.pk}),
        reverse("members:applications"),
        reverse("admin:index"),
        reverse("admin:atlas_initiative_change", args=[world.initiative.pk]),
    ]


def violations_on(page, paths):
    """{path: [console messages about the Content-Security-Policy]} for the pages that have any."""
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    found = {}
    for path in paths:
        messages.clear()
        response = page.goto(path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        about_csp = [text for text in messages if "Content Security Policy" in text]
        if about_csp:
            found[path] = about_csp
    return found


def test_no_page_violates_the_content_security_policy(page, login):
    world = build_world()
    assert violations_on(page, public_pages(world)) == {}
    login(world.member)
    assert violations_on(page, member_pages(world)) == {}
    login(world.coordinator)
    assert violations_on(page, coordinator_pages(world)) == {}


def test_the_language_switch_submits_without_an_inline_handler(page):
    page.goto("/")
    with page.expect_navigation():
        page.select_option("#language-select", "fr")
    assert page.locator("html").get_attribute("lang") == "fr"


def test_swagger_ui_lists_the_operations(page):
    page.goto("/api/docs/try")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock-summary-path").first.inner_text() == "/api/v1/initiatives"
