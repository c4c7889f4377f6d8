"""Every field of our models that holds personal data is covered by a personal-data source.

A field holds personal data when it is:

- a foreign key, one-to-one or many-to-many to the user model (it points to a person's account);
- an ``EmailField``, or any field whose name contains ``email`` (an address);
- a list of addresses (``to``, ``cc``, ``bcc``, ``reply_to``), or a ``contact`` (an address or a
  name given as the contact of something);
- a ``CharField`` named ``name`` or ending in ``name`` (``full_name``, ``first_name``,
  ``contact_name``, ``surname``...): a person's name unless it names something else, which
  ``NOT_PERSONAL`` then says.

The walk reads every concrete model of our apps, history models of django-simple-history
included (``HistoricalInitiative`` copies each version's fields). Each such field is either in some
source's ``PERSONAL_FIELDS`` (``core.personal_data``), whose erasure the tests of
``tests/members/test_personal_data.py`` check field by field, or in ``NOT_PERSONAL`` with the
reason. Fields a source covers beyond the rule (a mail's body) are declared there too.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from sustainai.core.personal_data import declared_fields
from sustainai.members.models import Organisation

ADDRESS_LISTS = {"to", "cc", "bcc", "reply_to"}

# Fields the rule finds that hold no personal data, or whose personal part is erased elsewhere.
NOT_PERSONAL = {
    # A challenge's dataset is a published one; a team's name and a submission's file name are
    # the team's, shown on the public leaderboard (the people are in TeamMember, covered).
    "challenges.Challenge.dataset_name": "the name of a published dataset",
    "challenges.Team.name": "a team's public name on the leaderboard",
    "challenges.Submission.filename": "the name of the file a team submitted",
    # Links to an account that say who did something for the record. Erasure keeps the link and
    # anonymises the account itself last (members.personal_data.anonymise_account): the record then
    # names no one.
    "members.HistoricalOrganisation.history_user": "who changed the organisation",
    "atlas.HistoricalInitiative.history_user": "who changed the initiative",
    # The live initiative's submitted_by is exported by the Atlas source; the copies in its history
    # only point to the same, anonymised, account.
    "atlas.HistoricalInitiative.submitted_by": "who submitted the initiative, in its history",
    "members.MembershipApplication.decided_by": "the coordinator who decided",
    "atlas.EditProposal.decided_by": "the coordinator who decided",
    "linkage.PairDecision.decided_by": "the coordinator who decided",
    "linkage.PairDecision.undone_by": "the coordinator who undid the decision",
    "calls.ProposedWorkstream.decided_by": "the coordinator who decided",
    "outbox.OutboxMail.created_by": "the coordinator who wrote the mail",
    # Names of things, not of people.
    "members.Organisation.name": "an organisation",
    "members.HistoricalOrganisation.name": "an organisation, in its history",
    "atlas.Actor.name": "an organisation named in the Atlas",
    "atlas.Actor.normalized_name": "an organisation named in the Atlas, normalised",
    "atlas.Topic.name": "a topic",
    "atlas.Initiative.name": "an initiative",
    "atlas.HistoricalInitiative.name": "an initiative, in its history",
    "consultations.ProposedInitiative.name": "an initiative an answer proposes",
    "workstreams.Event.name": "an event where a workstream presents its results",
    "transparency.GroupOfCompanies.name": "a group of companies",
    "standards.Edition.name": "an edition of the standards roadmap ('2026')",
    "pilots.KPI.name": "the name of a pilot's indicator ('Energy used for cooling')",
    "model_library.Entry.name": "a model of the compressed-models library ('all-MiniLM-L6-v2')",
    "model_library.Entry.base_name": "the base model of a library entry, named outside it",
}


def label(model: type[models.Model], field: models.Field) -> str:
    return f"{model._meta.label}.{field.name}"


def our_models() -> list[type[models.Model]]:
    """Every concrete model of our apps (history models included)."""
    return [
        model
        for model in apps.get_models()
        if model._meta.app_config.name.startswith("sustainai.") and not model._meta.proxy
    ]


def holds_personal_data(field: models.Field) -> bool:
    if field.is_relation:
        return field.related_model is get_user_model() and not field.auto_created
    name = field.name.lower()
    return (
        isinstance(field, models.EmailField)
        or "email" in name
        or name in ADDRESS_LISTS
        or name == "contact"
        or (isinstance(field, models.CharField) and name.endswith("name"))
    )


def personal_fields() -> set[str]:
    return {
        label(model, field)
        for model in our_models()
        for field in model._meta.get_fields()
        if (field.concrete or field.many_to_many) and holds_personal_data(field)
    }


def resolve(path: str) -> models.Field:
    """``"app_label.Model.field"`` → the field (``LookupError`` or ``FieldDoesNotExist`` if gone)."""
    app_label, model_name, field_name = path.split(".")
    return apps.get_model(app_label, model_name)._meta.get_field(field_name)


def test_every_personal_field_is_covered_by_a_source_or_said_not_personal():
    declared = declared_fields()
    uncovered = sorted(personal_fields() - set(declared) - set(NOT_PERSONAL))
    assert uncovered == []


def test_a_field_is_either_covered_or_not_personal_never_both():
    assert sorted(set(declared_fields()) & set(NOT_PERSONAL)) == []


@pytest.mark.parametrize("path", sorted(declared_fields()) + sorted(NOT_PERSONAL))
def test_every_field_named_exists(path):
    resolve(path)


def test_the_allow_list_holds_only_what_the_rule_finds():
    # An entry the rule would not find is dead weight, or hides a field that was renamed.
    assert sorted(set(NOT_PERSONAL) - personal_fields()) == []


def test_the_walk_sees_history_models_and_their_copied_fields():
    found = personal_fields()
    assert {
        "atlas.HistoricalInitiative.contact",
        "atlas.HistoricalInitiative.submitted_by",
        "atlas.HistoricalInitiative.history_user",
        "members.HistoricalOrganisation.history_user",
    } <= found
    assert declared_fields()["atlas.HistoricalInitiative.contact"] == "atlas"


def test_the_sources_cover_these_fields():
    assert declared_fields() == {
        "accounts.User.email": "members",
        "accounts.User.full_name": "members",
        "accounts.User.first_name": "members",
        "accounts.User.last_name": "members",
        "accounts.ApiToken.user": "members",
        "accounts.ApiToken.name": "members",
        "members.HistoricalOrganisation.history_change_reason": "members",
        "admin.LogEntry.object_repr": "members",
        "admin.LogEntry.change_message": "members",
        "members.Contact.user": "members",
        "members.Contact.full_name": "members",
        "members.Contact.email": "members",
        "members.MembershipApplication.applicant": "members",
        "atlas.Initiative.contact": "atlas",
        "atlas.Initiative.submitted_by": "atlas",
        "atlas.HistoricalInitiative.contact": "atlas",
        "atlas.HistoricalInitiative.history_change_reason": "atlas",
        "atlas.EditProposal.proposed_by": "atlas",
        "atlas.EditProposal.comment": "atlas",
        "atlas.EditProposal.changes": "atlas",
        "atlas.EditProposal.original": "atlas",
        "outbox.OutboxMail.to": "outbox",
        "outbox.OutboxMail.reply_to": "outbox",
        "outbox.OutboxMail.subject": "outbox",
        "outbox.OutboxMail.body": "outbox",
        "consultations.Answer.contact_name": "consultations",
        "consultations.Answer.contact_email": "consultations",
        "consultations.Answer.created_by": "consultations",
        "consultations.Answer.updated_by": "consultations",
        "calls.Expression.contact_name": "calls",
        "calls.Expression.contact_email": "calls",
        "calls.Expression.submitted_by": "calls",
        "transparency.Submission.submitted_by": "transparency",
        "transparency.Read.reader": "transparency",
        "transparency.Reader.user": "transparency",
        "transparency.Reader.granted_by": "transparency",
        "transparency.AggregateTable.created_by": "transparency",
        "transparency.AuditorGrant.auditor": "transparency",
        "transparency.AuditorGrant.granted_by": "transparency",
        "transparency.Attestation.auditor": "transparency",
        "transparency.Intensity.submitted_by": "transparency",
        "foresight.SavedScenario.saved_by": "foresight",
        "reports.Report.created_by": "reports",
        "reports.SectionApproval.approved_by": "reports",
        "reports.SectionComment.author": "reports",
        "standards.Proposal.proposed_by": "standards",
        "standards.Proposal.decided_by": "standards",
        "standards.Proposal.comment": "standards",
        "standards.Proposal.reason": "standards",
        "procurement.Criterion.proposed_by": "procurement",
        "procurement.Criterion.decided_by": "procurement",
        "procurement.TenderPack.created_by": "procurement",
        "procurement.Evaluation.evaluated_by": "procurement",
        "pilots.Pilot.submitted_by": "pilots",
        "pilots.Pilot.moderated_by": "pilots",
        "pilots.Pilot.moderation_note": "pilots",
        "pilots.Collection.created_by": "pilots",
        "pilots.Revision.edited_by": "pilots",
        "challenges.Team.created_by": "challenges",
        "challenges.TeamMember.user": "challenges",
        "challenges.TeamMember.email": "challenges",
        "challenges.Submission.submitted_by": "challenges",
        "model_library.Entry.proposed_by": "model_library",
        "model_library.Entry.decided_by": "model_library",
        "model_library.BenchmarkRun.requested_by": "model_library",
    }


def test_workstreams_hold_organisations_and_no_person():
    walked = {model._meta.label for model in our_models() if model._meta.app_label == "workstreams"}
    assert walked == {
        "workstreams.Workstream",
        "workstreams.Participant",
        "workstreams.Meeting",
        "workstreams.Deliverable",
        "workstreams.Event",
    }
    assert resolve("workstreams.Participant.organisation").related_model._meta.label == (
        "members.Organisation"
    )
    assert resolve("workstreams.Meeting.attendees").related_model._meta.label == (
        "members.Organisation"
    )
    assert sorted(f for f in personal_fields() if f.startswith("workstreams.")) == [
        "workstreams.Event.name"
    ]


def unbound(name: str, field: models.Field) -> models.Field:
    field.set_attributes_from_name(name)
    return field


@pytest.mark.parametrize(
    ("field", "personal"),
    [
        (unbound("speaker", models.ForeignKey(get_user_model(), models.CASCADE)), True),
        (unbound("guests", models.ManyToManyField(get_user_model())), True),
        (unbound("mail", models.EmailField()), True),
        (unbound("backup_email", models.CharField(max_length=100)), True),
        (unbound("cc", models.JSONField()), True),
        (unbound("contact", models.CharField(max_length=100)), True),
        (unbound("name", models.CharField(max_length=100)), True),
        (unbound("surname", models.CharField(max_length=100)), True),
        (unbound("organisation", models.ForeignKey(Organisation, models.CASCADE)), False),
        (unbound("title", models.CharField(max_length=100)), False),
        (unbound("renamed", models.BooleanField()), False),
    ],
    ids=lambda value: getattr(value, "name", str(value)),
)
def test_the_rule(field, personal):
    assert holds_personal_data(field) is personal
