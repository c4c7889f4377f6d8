import pytest

from sustainai.calls.models import Expression
from sustainai.calls.personal_data import erase_personal_data, export_personal_data
from tests.factories.accounts import UserFactory
from tests.factories.calls import ExpressionFactory

pytestmark = pytest.mark.django_db


def test_export_personal_data_lists_the_expressions_the_person_is_contact_of():
    user = UserFactory(email="alex@example.org")
    mine = ExpressionFactory(contact_email="alex@example.org", contact_name="Alex")
    ExpressionFactory(contact_email="someone@example.org")
    assert export_personal_data(user) == {
        "expressions_of_interest": [
            {
                "call": mine.call.slug,
                "organisation": mine.organisation.name,
                "contact_name": "Alex",
                "contact_email": "alex@example.org",
                "submitted_by_you": False,
                "consent_at": mine.consent_at.isoformat(),
                "submitted_at": mine.created_at.isoformat(),
                "updated_at": mine.updated_at.isoformat(),
            }
        ]
    }


def test_export_personal_data_of_a_stranger_is_empty():
    ExpressionFactory()
    assert export_personal_data(UserFactory()) == {"expressions_of_interest": []}


def test_erase_personal_data_removes_the_person_and_keeps_the_expression():
    user = UserFactory(email="alex@example.org")
    mine = ExpressionFactory(contact_email="Alex@Example.org", contact_name="Alex")
    other = ExpressionFactory(contact_email="someone@example.org", contact_name="Someone")
    assert erase_personal_data(user) == 1
    mine.refresh_from_db()
    assert (mine.contact_name, mine.contact_email) == (
        "(erased)",
        f"expression-{mine.pk}@erased.invalid",
    )
    other.refresh_from_db()
    assert (other.contact_name, other.contact_email) == ("Someone", "someone@example.org")
    assert Expression.objects.count() == 2
    assert export_personal_data(user) == {"expressions_of_interest": []}
    assert erase_personal_data(user) == 0


def test_an_expression_the_person_submitted_for_another_contact_is_exported_then_unlinked():
    user = UserFactory(email="alex@example.org")
    submitted = ExpressionFactory(
        submitted_by=user, contact_email="someone@example.org", contact_name="Someone"
    )
    exported = export_personal_data(user)["expressions_of_interest"]
    assert [(e["contact_email"], e["submitted_by_you"]) for e in exported] == [
        ("someone@example.org", True)
    ]
    assert erase_personal_data(user) == 1
    submitted.refresh_from_db()
    assert (submitted.submitted_by, submitted.contact_name, submitted.contact_email) == (
        None,
        "Someone",
        "someone@example.org",
    )
    assert export_personal_data(user) == {"expressions_of_interest": []}
