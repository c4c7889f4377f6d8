import pytest
from django.urls import reverse

from sustainai.atlas.models import EditProposal, Initiative, ModerationState, ProposalState
from sustainai.outbox.models import OutboxMail
from tests.factories.atlas import (
    EditProposalFactory,
    InitiativeFactory,
    SubmittedInitiativeFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "plain_user", "member_user", "coordinator"]


@pytest.fixture
def as_role(client, request):
    def sign_in(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return sign_in


def _url(view, member_user):
    """The URL of each write-side view; objects belong to ``member_user`` where it matters."""
    if view == "propose_edit":
        return reverse("atlas:propose_edit", args=[InitiativeFactory(slug="pub").slug])
    if view == "edit_submission":
        mine = SubmittedInitiativeFactory(submitted_by=member_user)
        return reverse("atlas:edit_submission", args=[mine.pk])
    if view == "review":
        return reverse("atlas:review", args=[SubmittedInitiativeFactory().pk])
    if view == "review_edit":
        return reverse("atlas:review_edit", args=[EditProposalFactory().pk])
    return reverse(f"atlas:{view}")


# Expected status of a GET for anonymous, plain user, member user, coordinator.
MATRIX = {
    "submit": (302, 403, 200, 200),
    "propose_edit": (302, 403, 200, 200),
    "my_submissions": (302, 403, 200, 200),
    "edit_submission": (302, 403, 200, 403),  # only the submitter
    "moderation": (302, 403, 403, 200),
    "review": (302, 403, 403, 200),
    "review_edit": (302, 403, 403, 200),
    "import": (302, 403, 403, 200),
}


@pytest.mark.parametrize("view", MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_write_side_view_status_by_role(view, role, as_role, member_user):
    url = _url(view, member_user)
    response = as_role(role).get(url)
    assert response.status_code == MATRIX[view][ROLES.index(role)]
    if role == "anonymous":
        assert response["Location"] == f"/accounts/login/?next={url}"


REFUSED = [
    (view, role)
    for view, statuses in MATRIX.items()
    for role, status in zip(ROLES, statuses, strict=True)
    if status != 200  # the allowed posts are the flows tested below
]


@pytest.mark.parametrize(("view", "role"), REFUSED)
def test_write_side_posts_are_refused_without_permission(view, role, as_role, member_user):
    expected = MATRIX[view][ROLES.index(role)]
    url = _url(view, member_user)
    before = list(Initiative.objects.values_list("pk", "state", "name").order_by("pk"))
    data = {"decision": "publish", "name": "Changed", "type": "tool", "scope": "national"}
    response = as_role(role).post(url, data | {"status": "active"})
    assert response.status_code == expected
    assert list(Initiative.objects.values_list("pk", "state", "name").order_by("pk")) == before
    assert EditProposal.objects.filter(state=ProposalState.PENDING).count() == (
        1 if view == "review_edit" else 0
    )
    assert OutboxMail.objects.count() == 0


def test_propose_edit_of_an_unpublished_entry_is_not_found(member_client):
    draft = SubmittedInitiativeFactory(slug="draft")
    assert member_client.get(reverse("atlas:propose_edit", args=[draft.slug])).status_code == 404


def test_edit_submission_is_closed_once_published(member_client, member_user):
    mine = SubmittedInitiativeFactory(submitted_by=member_user, state=ModerationState.PUBLISHED)
    url = reverse("atlas:edit_submission", args=[mine.pk])
    assert member_client.get(url).status_code == 403


def test_submit_form_has_the_duplicate_hint_container(member_client):
    html = member_client.get(reverse("atlas:submit")).content.decode()
    assert (
        '<div id="similar-initiatives" hx-get="/atlas/duplicates/hint/" '
        'hx-trigger="keyup changed delay:400ms from:#id_name, change from:#id_website" '
        'hx-include="#id_name, #id_website, #id_aliases, #id_description" aria-live="polite">'
    ) in html


def test_member_submits_an_initiative_with_every_field(member_client, member_user):
    response = member_client.post(
        reverse("atlas:submit"),
        {
            "name": "Watt Watchers",
            "aliases": "WW\nWatt-Watchers",
            "summary": "Energy dashboards for training runs.",
            "description": "Longer text.",
            "type": "tool",
            "topics": ["energy", "measurement"],
            "lead_organisations": "Mila\nmila\nInria",
            "partner_organisations": "",
            "countries": ["CA", "FR"],
            "scope": "international",
            "regions": ["EU"],
            "start_year": "2024",
            "status": "active",
            "website": "wattwatchers.example.org",
            "contact": "hello@example.org",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("atlas:my_submissions")
    initiative = Initiative.objects.get()
    assert initiative.state == ModerationState.SUBMITTED
    assert initiative.submitted_by == member_user
    assert initiative.aliases == ["WW", "Watt-Watchers"]
    assert initiative.website == "https://wattwatchers.example.org"
    assert [a.name for a in initiative.lead_organisations.all()] == ["Inria", "Mila"]
    assert sorted(c.country.code for c in initiative.country_links.all()) == ["CA", "FR"]
    assert sorted(t.slug for t in initiative.topics.all()) == ["energy", "measurement"]
    assert (initiative.regions, initiative.start_year) == (["EU"], 2024)
    listing = member_client.get(reverse("atlas:my_submissions")).content.decode()
    assert "Watt Watchers" in listing
    assert "Awaiting moderation" in listing


def test_submission_needs_only_a_name(member_client):
    response = member_client.post(
        reverse("atlas:submit"), {"name": "", "type": "tool", "scope": "national"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": ["This field is required."],
        "status": ["This field is required."],
    }
    response = member_client.post(
        reverse("atlas:submit"),
        {"name": "Only a name", "type": "other", "scope": "national", "status": "active"},
    )
    assert response.status_code == 302
    assert Initiative.objects.get().name == "Only a name"


def test_coordinator_publishes_from_the_review_page(
    coordinator_client, django_capture_on_commit_callbacks
):
    initiative = SubmittedInitiativeFactory(name="To publish")
    url = reverse("atlas:review", args=[initiative.pk])
    assert "To publish" in coordinator_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, {"decision": "publish", "note": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("atlas:moderation")
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.PUBLISHED
    assert OutboxMail.objects.get().to == [initiative.submitted_by.email]


def test_rejecting_without_a_reason_is_refused(coordinator_client):
    initiative = SubmittedInitiativeFactory()
    url = reverse("atlas:review", args=[initiative.pk])
    response = coordinator_client.post(url, {"decision": "reject", "note": " "})
    assert response.status_code == 400
    assert response.context["form"].errors == {"note": ["Give the reason for rejecting it."]}
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.SUBMITTED
    assert OutboxMail.objects.count() == 0


def test_asking_for_changes_then_resubmitting(coordinator_client, client, member_user):
    initiative = SubmittedInitiativeFactory(submitted_by=member_user, name="Half done")
    coordinator_client.post(
        reverse("atlas:review", args=[initiative.pk]),
        {"decision": "changes", "note": "Which countries?"},
    )
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.CHANGES_REQUESTED
    client.force_login(member_user)
    edit_url = reverse("atlas:edit_submission", args=[initiative.pk])
    assert "Which countries?" in client.get(edit_url).content.decode()
    response = client.post(
        edit_url,
        {
            "name": "Half done",
            "type": "tool",
            "scope": "national",
            "status": "active",
            "countries": ["SN"],
        },
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.SUBMITTED
    assert [c.country.code for c in initiative.country_links.all()] == ["SN"]


def test_member_proposes_an_edit_and_the_coordinator_accepts_it(
    member_client, member_user, client, coordinator
):
    initiative = InitiativeFactory(
        name="Carbon Board", slug="carbon-board", website="https://c.org"
    )
    form = member_client.get(reverse("atlas:propose_edit", args=["carbon-board"])).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, [])}
    data |= {"summary": "Now with water too.", "comment": "See their 2025 release."}
    response = member_client.post(reverse("atlas:propose_edit", args=["carbon-board"]), data)
    assert response.status_code == 302
    proposal = EditProposal.objects.get()
    assert proposal.changes == {"summary": "Now with water too."}
    assert proposal.proposed_by == member_user

    client.force_login(coordinator)
    page = client.get(reverse("atlas:review_edit", args=[proposal.pk]))
    assert [(row.label, row.before, row.after) for row in page.context["diff"]] == [
        ("Summary", "An initiative on sustainable AI.", "Now with water too.")
    ]
    response = client.post(reverse("atlas:review_edit", args=[proposal.pk]), {"decision": "accept"})
    assert response.status_code == 302
    initiative.refresh_from_db()
    proposal.refresh_from_db()
    assert initiative.summary == "Now with water too."
    assert proposal.state == ProposalState.ACCEPTED


def test_a_member_proposing_an_edit_never_sees_the_private_contact(member_client):
    InitiativeFactory(slug="private", contact="founder@private.example.org")
    url = reverse("atlas:propose_edit", args=["private"])
    response = member_client.get(url)
    assert "founder@private.example.org" not in response.content.decode()
    form = response.context["form"]
    assert "contact" not in form.initial
    # Left empty, the contact is kept: only the summary is proposed.
    data = {k: v for k, v in form.initial.items() if v not in (None, [])}
    data["summary"] = "New summary."
    assert member_client.post(url, data).status_code == 302
    assert EditProposal.objects.get().changes == {"summary": "New summary."}


def test_a_member_may_still_propose_a_new_contact(member_client):
    InitiativeFactory(slug="private", contact="founder@private.example.org")
    url = reverse("atlas:propose_edit", args=["private"])
    form = member_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, [])}
    data["contact"] = "team@private.example.org"
    assert member_client.post(url, data).status_code == 302
    assert EditProposal.objects.get().changes == {"contact": "team@private.example.org"}


def test_proposing_no_change_says_so(member_client):
    InitiativeFactory(slug="same")
    url = reverse("atlas:propose_edit", args=["same"])
    form = member_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, [])}
    response = member_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["You changed nothing."]
    assert EditProposal.objects.count() == 0


def _queue_items(n):
    for i in range(n):
        SubmittedInitiativeFactory(name=f"Submitted {i}", countries=["FR"], topics=["energy"])
        EditProposalFactory()
        SubmittedInitiativeFactory(state=ModerationState.CHANGES_REQUESTED)


@pytest.mark.parametrize("items", [1, 3])
def test_moderation_queue_queries_do_not_grow(items, coordinator_client, django_assert_num_queries):
    _queue_items(items)
    # Session, user, then the three lists.
    with django_assert_num_queries(5):
        response = coordinator_client.get(reverse("atlas:moderation"))
    assert len(response.context["submitted"]) == items
    assert len(response.context["proposals"]) == items
    assert len(response.context["waiting"]) == items


@pytest.mark.parametrize("items", [1, 3])
def test_my_submissions_queries_do_not_grow(
    items, member_client, member_user, django_assert_num_queries
):
    for _ in range(items):
        SubmittedInitiativeFactory(submitted_by=member_user)
        EditProposalFactory(proposed_by=member_user)
    # Session, user (with the organisation for the permission), then the two lists.
    with django_assert_num_queries(5):
        response = member_client.get(reverse("atlas:my_submissions"))
    assert len(response.context["initiatives"]) == items
    assert len(response.context["proposals"]) == items


def test_countries_are_picked_from_a_list_or_typed_in_any_language(member_client):
    page = member_client.get(reverse("atlas:submit")).content.decode()
    assert "hold Ctrl" not in page
    assert '<details class="country-picker" data-country-picker>' in page
    assert page.count('type="checkbox" name="countries"') == 249
    # Without JavaScript all 249 are checkboxes; with it, those not chosen are the text of a
    # <noscript> until the picker opens (app.js), which keeps the form light.
    rest = page.split("<noscript data-country-rest>")[1].split("</noscript>")[0]
    assert rest.count('type="checkbox" name="countries"') == 249
    response = member_client.post(
        reverse("atlas:submit"),
        {
            "name": "Typed countries",
            "type": "other",
            "scope": "national",
            "status": "active",
            "countries": ["KE"],
            "countries__typed": "Germny, Francia",
        },
    )
    # A misspelt name is refused by name, the picker opens with the text kept to be corrected,
    # and the summary at the top links to its box.
    page = response.content.decode()
    assert "“Germny” is not a country (did you mean Germany?)" in page
    assert '<details class="country-picker" data-country-picker open>' in page
    assert 'name="countries__typed" id="id_countries__typed" value="Germny, Francia"' in page
    assert '<a href="#id_countries__typed">Countries: “Germny”' in page
    assert "<summary>Kenya</summary>" in page
    # The chosen country is a checkbox outside the <noscript>, so it is sent with JavaScript on.
    assert (
        '<input type="checkbox" name="countries" value="KE" id="id_countries_0" checked> Kenya'
        "</label>\n<noscript data-country-rest>"
    ) in page
    response = member_client.post(
        reverse("atlas:submit"),
        {
            "name": "Typed countries",
            "type": "other",
            "scope": "national",
            "status": "active",
            "countries": ["KE"],
            "countries__typed": "Germany; Francia",
        },
    )
    assert response.status_code == 302
    initiative = Initiative.objects.get()
    assert sorted(c.country.code for c in initiative.country_links.all()) == ["DE", "FR", "KE"]
