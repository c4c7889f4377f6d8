import pytest

from sustainai.atlas import personal_data
from sustainai.atlas.models import EditProposal, Initiative
from tests.factories.atlas import EditProposalFactory, InitiativeFactory, SubmittedInitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributions(member_user):
    submitted = SubmittedInitiativeFactory(
        name="Mine", submitted_by=member_user, contact="Member@Example.org"
    )
    published = InitiativeFactory(name="Theirs")
    EditProposalFactory(
        initiative=published,
        proposed_by=member_user,
        changes={"contact": "member@example.org"},
        original={"contact": ""},
        comment="I work there.",
    )
    return submitted


def test_export_lists_submissions_contacts_and_proposals(member_user, contributions):
    exported = personal_data.export_personal_data(member_user)
    assert [i["name"] for i in exported["submitted_initiatives"]] == ["Mine"]
    assert exported["contact_of_initiatives"] == ["Mine"]
    assert [(p["initiative"], p["comment"]) for p in exported["proposed_edits"]] == [
        ("Theirs", "I work there.")
    ]


def test_erase_removes_the_address_everywhere_and_the_comments(member_user, contributions):
    assert personal_data.erase_personal_data(member_user) == 3
    assert Initiative.objects.get(name="Mine").contact == ""
    assert set(Initiative.history.values_list("contact", flat=True)) == {""}
    proposal = EditProposal.objects.get()
    assert (proposal.comment, proposal.changes) == ("(erased)", {"contact": ""})
    assert "member@example.org" not in str(personal_data.export_personal_data(member_user))


def test_erase_clears_the_person_as_contact_in_anyone_s_proposal(member_user):
    other = EditProposalFactory(
        changes={"contact": "Member <member@example.org>", "summary": "New."},
        original={"contact": "member@example.org"},
        comment="Their address, from the website.",
    )
    unrelated = EditProposalFactory(changes={"contact": "team@example.org"})
    assert personal_data.erase_personal_data(member_user) == 1
    other.refresh_from_db()
    unrelated.refresh_from_db()
    assert (other.changes, other.original, other.comment) == (
        {"contact": "", "summary": "New."},
        {"contact": ""},
        "Their address, from the website.",
    )
    assert unrelated.changes == {"contact": "team@example.org"}


def test_erase_clears_a_contact_that_holds_the_address_among_other_text(member_user):
    initiative = InitiativeFactory(contact="Member Person <member@example.org>")
    InitiativeFactory(contact="https://example.org/contact")
    assert personal_data.erase_personal_data(member_user) == 2  # the initiative and its history
    initiative.refresh_from_db()
    assert initiative.contact == ""
    assert sorted(Initiative.objects.values_list("contact", flat=True)) == [
        "",
        "https://example.org/contact",
    ]
