"""The abstract models of ``core.models``: their fields, and the models built on them."""

import pytest
from django.db import models

from sustainai.accounts.models import ApiToken
from sustainai.atlas.models import EditProposal, Initiative
from sustainai.calls.models import Call, Expression, ProposedWorkstream
from sustainai.consultations.models import Answer, Consultation, ProposedInitiative
from sustainai.core.models import (
    CreationTimestamped,
    DemoFlagged,
    FrenchTitled,
    RecordedConsent,
    Timestamped,
)
from sustainai.linkage.models import InitiativeRelation
from sustainai.members.models import Contact, Organisation
from sustainai.outbox.models import OutboxMail
from sustainai.workstreams.models import Workstream


def own_fields(model) -> dict[str, models.Field]:
    return {field.name: field for field in model._meta.get_fields()}


def test_demo_flagged():
    assert DemoFlagged._meta.abstract
    assert list(own_fields(DemoFlagged)) == ["is_demo"]
    field = DemoFlagged._meta.get_field("is_demo")
    assert type(field) is models.BooleanField
    assert str(field.verbose_name) == "demo data"
    assert field.get_default() is False
    assert field.editable is False


def test_creation_timestamped():
    assert CreationTimestamped._meta.abstract
    assert list(own_fields(CreationTimestamped)) == ["created_at"]
    field = CreationTimestamped._meta.get_field("created_at")
    assert type(field) is models.DateTimeField
    assert str(field.verbose_name) == "created"
    assert (field.auto_now_add, field.auto_now, field.editable) == (True, False, False)


def test_timestamped():
    assert Timestamped._meta.abstract
    assert issubclass(Timestamped, CreationTimestamped)
    assert list(own_fields(Timestamped)) == ["created_at", "updated_at"]
    field = Timestamped._meta.get_field("updated_at")
    assert type(field) is models.DateTimeField
    assert str(field.verbose_name) == "updated"
    assert (field.auto_now_add, field.auto_now, field.editable) == (False, True, False)


def test_recorded_consent():
    assert RecordedConsent._meta.abstract
    fields = own_fields(RecordedConsent)
    assert {name: type(field) for name, field in fields.items()} == {
        "consent_purpose": models.CharField,
        "consent_text_version": models.CharField,
        "consent_text": models.TextField,
        "consent_given_at": models.DateTimeField,
    }
    assert (fields["consent_purpose"].max_length, fields["consent_text_version"].max_length) == (
        64,
        32,
    )
    assert str(fields["consent_purpose"].help_text) == "What the person agreed to."
    # Given, not defaulted: the service recording the person's data says when and to what.
    assert [field for field in fields.values() if field.has_default() or field.blank] == []
    assert all(field.editable for field in fields.values())


@pytest.mark.parametrize(
    ("model", "bases"),
    [
        (ApiToken, {CreationTimestamped}),
        (Initiative, {DemoFlagged, Timestamped}),
        (EditProposal, {CreationTimestamped}),
        (Call, {DemoFlagged, CreationTimestamped, FrenchTitled}),
        (ProposedWorkstream, {FrenchTitled}),
        (Expression, {DemoFlagged}),
        (Consultation, {DemoFlagged, CreationTimestamped}),
        (Answer, {DemoFlagged}),
        (ProposedInitiative, {CreationTimestamped}),
        (InitiativeRelation, {CreationTimestamped}),
        (Organisation, {DemoFlagged, CreationTimestamped}),
        (Contact, {DemoFlagged, CreationTimestamped, RecordedConsent}),
        (OutboxMail, {Timestamped}),
        (Workstream, {DemoFlagged, CreationTimestamped, FrenchTitled}),
    ],
)
def test_models_carry_the_shared_fields(model, bases):
    assert set(model.__bases__) == bases
    for base in bases:
        for name, shared in own_fields(base).items():
            field = model._meta.get_field(name)
            assert field.model is model
            assert (type(field), field.editable, field.get_default()) == (
                type(shared),
                shared.editable,
                shared.get_default(),
            )
            if isinstance(shared, models.DateTimeField):
                assert (field.auto_now_add, field.auto_now) == (
                    shared.auto_now_add,
                    shared.auto_now,
                )


def test_labels_kept_where_they_say_more():
    assert str(Workstream._meta.get_field("created_at").verbose_name) == "opened at"
    proposed = EditProposal._meta.get_field("created_at")
    assert (str(proposed.verbose_name), proposed.db_index) == ("proposed", True)


def test_times_set_by_services_are_not_automatic():
    # ``submit_expression`` stamps an expression with the moment it compared to the deadline.
    for name in ("created_at", "updated_at"):
        field = Expression._meta.get_field(name)
        assert (field.auto_now_add, field.auto_now, field.editable) == (False, False, True)
    assert not issubclass(Expression, CreationTimestamped)
