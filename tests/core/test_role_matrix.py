"""The role matrix: what each role gets from every route of ours and every operation of the API.

``tests/core/test_permissions.py`` checks that every view declares a permission; this module checks
that the permissions are right. Each row names a route (``namespace:name``, or
``namespace:name@variant`` for a second object of the same route) and gives the outcome for each
role, in the order of ``ROLES``: anonymous, member, lead, coordinator (see ``tests.world``).

Outcomes: an HTTP status, or ``LOGIN`` for a redirect to the login page (any other redirect is
``302``). ``get`` is the outcome of a GET; ``post`` that of a POST, for the routes that take one:
of ``data`` where given, else of a form with one field no form knows (an empty POST would read as
no form at all to the views that bind ``request.POST or None``). A route of ours missing from the tables, or a row
whose route is gone, fails ``test_the_tables_list_every_route``: add every new route here.

Django's admin (``admin:``) is left out: its permissions are Django's own (staff and model
permissions, see ``atlas/rules.py``), and it generates several routes per model.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sustainai.api import api
from tests.world import CONFIDENTIAL_FIGURE, ROLES, World

LOGIN = "login"
L = LOGIN

Outcomes = tuple  # one outcome per role, in the order of ROLES
Kwargs = Callable[[World], dict]


@dataclass(frozen=True)
class Expect:
    get: Outcomes
    post: Outcomes | None = None
    kwargs: Kwargs = lambda world: {}  # noqa: E731
    query: str = ""
    data: Callable[[World], dict] = lambda world: {"role_matrix": "probe"}  # noqa: E731


# --- Arguments of the URLs, from the world ---------------------------------------------------


def initiative(world):
    return {"slug": world.initiative.slug}


def member_organisation(world):
    return {"slug": world.member_organisation.slug}


def contact(world):
    return {"slug": world.member_organisation.slug, "pk": world.contact.pk}


def consultation(world):
    return {"slug": world.consultation.slug}


def open_call(world):
    return {"slug": world.open_call.slug}


def closed_call(world):
    return {"slug": world.closed_call.slug}


def proposal(name):
    def kwargs(world):
        ws = getattr(world, name)
        return {"slug": ws.call.slug, "ws": ws.slug}

    return kwargs


def space(name):
    return lambda world: {"slug": getattr(world, name).slug}


confirmed = space("confirmed_workstream")


def meeting(world):
    return {**confirmed(world), "pk": world.meeting.pk}


# --- The tables, one per namespace --------------------------------------------------------
# Columns:                anonymous  member  lead  coordinator

CORE = {
    "core:home": Expect(get=(200, 200, 200, 200)),
    "core:coordination": Expect(get=(L, 403, 403, 200)),
    # The language switch (ours: it also records a signed-in person's choice).
    "set_language": Expect(
        get=(405, 405, 405, 405),
        post=(302, 302, 302, 302),
        data=lambda world: {"language": "en", "next": "/"},
    ),
}

ACCOUNTS = {
    "accounts:login": Expect(get=(200, 200, 200, 200), post=(200, 200, 200, 200)),
    "accounts:logout": Expect(get=(405, 405, 405, 405), post=(302, 302, 302, 302)),
    "accounts:profile": Expect(get=(L, 200, 200, 200)),
    "accounts:password_reset": Expect(get=(200, 200, 200, 200), post=(200, 200, 200, 200)),
    "accounts:password_reset_done": Expect(get=(200, 200, 200, 200)),
    # A valid link: the token moves to the session and the page redirects to the form.
    "accounts:password_reset_confirm": Expect(
        get=(302, 302, 302, 302), kwargs=lambda world: world.password_reset
    ),
    "accounts:password_reset_complete": Expect(get=(200, 200, 200, 200)),
}

ATLAS = {
    "atlas:directory": Expect(get=(200, 200, 200, 200)),
    "atlas:detail": Expect(get=(200, 200, 200, 200), kwargs=initiative),
    # Not published: its submitter (the member) and the coordinators only; a 404 for the others.
    "atlas:detail@pending": Expect(
        get=(404, 200, 404, 200), kwargs=lambda world: {"slug": world.pending_initiative.slug}
    ),
    "atlas:map": Expect(get=(200, 200, 200, 200)),
    "atlas:charts": Expect(get=(200, 200, 200, 200)),
    "atlas:export": Expect(get=(200, 200, 200, 200), kwargs=lambda world: {"fmt": "csv"}),
    "atlas:dcat": Expect(get=(200, 200, 200, 200)),
    "atlas:submit": Expect(get=(L, 200, 200, 200), post=(L, 200, 200, 200)),
    "atlas:propose_edit": Expect(
        get=(L, 200, 200, 200), post=(L, 200, 200, 200), kwargs=initiative
    ),
    "atlas:propose_edit@pending": Expect(
        get=(404, 404, 404, 404), kwargs=lambda world: {"slug": world.pending_initiative.slug}
    ),
    "atlas:my_submissions": Expect(get=(L, 200, 200, 200)),
    # Only its submitter edits a submission; coordinators review it (atlas:review).
    "atlas:edit_submission": Expect(
        get=(L, 200, 403, 403),
        post=(L, 200, 403, 403),
        kwargs=lambda world: {"pk": world.pending_initiative.pk},
    ),
    "atlas:moderation": Expect(get=(L, 403, 403, 200)),
    "atlas:review": Expect(
        get=(L, 403, 403, 200),
        post=(L, 403, 403, 400),
        kwargs=lambda world: {"pk": world.pending_initiative.pk},
    ),
    "atlas:review_edit": Expect(
        get=(L, 403, 403, 200),
        post=(L, 403, 403, 400),
        kwargs=lambda world: {"pk": world.edit_proposal.pk},
    ),
    "atlas:import": Expect(get=(L, 403, 403, 200), post=(L, 403, 403, 200)),
}

LINKAGE = {
    "linkage:queue": Expect(get=(L, 403, 403, 200)),
    "linkage:decide": Expect(
        get=(405, 405, 405, 405),
        post=(L, 403, 403, 302),
        kwargs=lambda world: {"pk": world.candidate_pair.pk},
    ),
    "linkage:undo": Expect(
        get=(405, 405, 405, 405),
        post=(L, 403, 403, 302),
        kwargs=lambda world: {"pk": world.pair_decision.pk},
    ),
    "linkage:refresh": Expect(get=(405, 405, 405, 405), post=(L, 403, 403, 302)),
    "linkage:hint": Expect(get=(L, 200, 200, 200), query="name=Code+Carbon"),
    "linkage:merge_duplicate": Expect(
        get=(405, 405, 405, 405),
        post=(L, 403, 403, 302),
        kwargs=lambda world: {
            "duplicate": world.pending_initiative.pk,
            "keep": world.initiative.pk,
        },
    ),
    "linkage:overlaps": Expect(get=(L, 403, 403, 200)),
    "linkage:overlaps_export": Expect(get=(L, 403, 403, 200), kwargs=lambda world: {"fmt": "csv"}),
}

MEMBERS = {
    "members:directory": Expect(get=(200, 200, 200, 200)),
    "members:apply": Expect(get=(200, 200, 200, 200), post=(400, 400, 400, 400)),
    "members:applied": Expect(get=(200, 200, 200, 200)),
    "members:applications": Expect(get=(L, 403, 403, 200)),
    "members:decide": Expect(
        get=(405, 405, 405, 405),
        post=(L, 403, 403, 302),
        kwargs=lambda world: {"pk": world.application.pk},
    ),
    # An organisation's page, profile and contacts: its own users and the coordinators.
    "members:organisation": Expect(get=(L, 200, 403, 200), kwargs=member_organisation),
    "members:edit_organisation": Expect(
        get=(L, 200, 403, 200), post=(L, 400, 403, 400), kwargs=member_organisation
    ),
    "members:add_contact": Expect(
        get=(L, 200, 403, 200), post=(L, 400, 403, 400), kwargs=member_organisation
    ),
    "members:edit_contact": Expect(get=(L, 200, 403, 200), post=(L, 400, 403, 400), kwargs=contact),
    # Another organisation's contact through one's own organisation's URL.
    "members:edit_contact@other-organisation": Expect(
        get=(L, 404, 403, 404),
        kwargs=lambda world: {**member_organisation(world), "pk": world.lead_contact.pk},
    ),
    "members:remove_contact": Expect(
        get=(L, 200, 403, 200), post=(L, 302, 403, 302), kwargs=contact
    ),
    # The signed token in the link is the permission.
    "members:withdraw_contact": Expect(
        get=(200, 200, 200, 200),
        post=(200, 200, 200, 200),
        kwargs=lambda world: {"token": world.withdrawal_token},
    ),
    "members:my_data": Expect(get=(L, 200, 200, 200)),
    "members:export_my_data": Expect(get=(L, 200, 200, 200)),
    "members:erase_my_data": Expect(get=(L, 200, 200, 200), post=(L, 400, 400, 400)),
}

CONSULTATIONS = {
    "consultations:list": Expect(get=(L, 200, 200, 200)),
    "consultations:detail": Expect(get=(L, 200, 200, 200), kwargs=consultation),
    # Answered by member organisations; coordinators read the answers.
    "consultations:answer": Expect(
        get=(L, 200, 200, 403), post=(L, 302, 302, 403), kwargs=consultation
    ),
    "consultations:results": Expect(get=(L, 403, 403, 200), kwargs=consultation),
    "consultations:export": Expect(
        get=(L, 403, 403, 200), kwargs=lambda world: {**consultation(world), "fmt": "csv"}
    ),
}

CALLS = {
    "calls:list": Expect(get=(200, 200, 200, 200)),
    "calls:dashboard": Expect(get=(L, 403, 403, 200)),
    "calls:dashboard_export": Expect(get=(L, 403, 403, 200)),
    "calls:detail": Expect(get=(200, 200, 200, 200), kwargs=open_call),
    "calls:express": Expect(get=(L, 200, 200, 403), post=(L, 422, 422, 403), kwargs=open_call),
    "calls:expressions": Expect(get=(L, 403, 403, 200), kwargs=closed_call),
    # The member organisation's own expression.
    "calls:expression": Expect(
        get=(L, 200, 403, 200),
        kwargs=lambda world: {**closed_call(world), "pk": world.expression.pk},
    ),
    "calls:decisions": Expect(get=(L, 403, 403, 200), kwargs=closed_call),
    "calls:tally": Expect(get=(L, 403, 403, 405), post=(L, 403, 403, 302), kwargs=closed_call),
    "calls:workstream": Expect(get=(200, 200, 200, 200), kwargs=proposal("confirmed_proposal")),
    "calls:decide": Expect(
        get=(L, 403, 403, 405),
        post=(L, 403, 403, 302),
        kwargs=proposal("proposed_workstream"),
    ),
    # Spaces moved to /workstreams/: their old addresses redirect, whoever asks (the new
    # address checks who may see it); a proposal with no workstream has no space.
    "calls:spaces_moved": Expect(get=(301, 301, 301, 301)),
    "calls:space_moved": Expect(get=(301, 301, 301, 301), kwargs=proposal("confirmed_proposal")),
    "calls:space_moved@proposed": Expect(
        get=(404, 404, 404, 404), kwargs=proposal("proposed_workstream")
    ),
    "calls:space_moved_page": Expect(
        get=(301, 301, 301, 301),
        kwargs=lambda world: {**proposal("confirmed_proposal")(world), "rest": "meetings.ics"},
    ),
}

# Workstream spaces: the confirmed workstream is led by the lead's organisation and joined by the
# member's (through its expression of interest); nobody of ours joined the "unjoined" one.
WORKSTREAMS = {
    "workstreams:list": Expect(get=(L, 200, 200, 200)),
    "workstreams:advance": Expect(
        get=(L, 403, 403, 405), post=(L, 403, 403, 302), kwargs=confirmed
    ),
    "workstreams:space": Expect(get=(L, 200, 200, 200), kwargs=confirmed),
    "workstreams:space@unjoined": Expect(
        get=(L, 403, 403, 200), kwargs=space("unjoined_workstream")
    ),
    "workstreams:space_ics": Expect(get=(L, 200, 200, 200), kwargs=confirmed),
    "workstreams:meeting": Expect(get=(L, 200, 200, 200), kwargs=meeting),
    "workstreams:meeting_edit": Expect(
        get=(L, 403, 200, 200), post=(L, 403, 422, 422), kwargs=meeting
    ),
    "workstreams:meeting_ics": Expect(get=(L, 200, 200, 200), kwargs=meeting),
    # A meeting of the confirmed workstream through the URL of another one.
    "workstreams:meeting_edit@other-workstream": Expect(
        get=(L, 403, 403, 404),
        kwargs=lambda world: {**space("unjoined_workstream")(world), "pk": world.meeting.pk},
    ),
    "workstreams:space_add": Expect(
        get=(L, 403, 200, 200),
        post=(L, 403, 422, 422),
        kwargs=lambda world: {**confirmed(world), "kind": "meeting"},
    ),
}

OUTBOX = {
    "outbox:list": Expect(get=(L, 403, 403, 200), post=(L, 403, 403, 302)),
    "outbox:edit": Expect(
        get=(L, 403, 403, 200),
        post=(L, 403, 403, 422),
        kwargs=lambda world: {"pk": world.outbox_mail.pk},
    ),
}

CALCULATOR = {
    "calculator:calculator": Expect(get=(200, 200, 200, 200)),
    "calculator:export": Expect(
        get=(200, 200, 200, 200),
        kwargs=lambda world: {"fmt": "json"},
        query="accelerator=H100&accelerator_hours=10&location=FR",
    ),
}

TRANSPARENCY = {
    "transparency:index": Expect(get=(200, 200, 200, 200)),
    "transparency:table": Expect(
        get=(200, 200, 200, 200), kwargs=lambda world: {"pk": world.aggregate_table.pk}
    ),
    "transparency:publish": Expect(
        get=(L, 403, 403, 405),
        post=(L, 403, 403, 302),
        kwargs=lambda world: {"pk": world.aggregate_table.pk},
    ),
    # Figures are reported by member organisations' users; coordinators belong to none.
    "transparency:submit": Expect(get=(L, 200, 200, 403), post=(L, 422, 422, 403)),
    "transparency:upload": Expect(get=(L, 200, 200, 403), post=(L, 422, 422, 403)),
    # The probe's empty group name is valid (no group): saved, redirected.
    "transparency:mine": Expect(get=(L, 200, 200, 403), post=(L, 302, 302, 403)),
    "transparency:withdraw": Expect(
        get=(L, 405, 403, 403),
        post=(L, 302, 403, 403),
        kwargs=lambda world: {"pk": world.confidential_figure.pk},
    ),
    # Raw figures: appointed readers only (none of the four roles is one).
    "transparency:figures": Expect(get=(L, 403, 403, 403)),
    "transparency:manage": Expect(get=(L, 403, 403, 200), post=(L, 403, 403, 422)),
    "transparency:readers": Expect(get=(L, 403, 403, 200), post=(L, 403, 403, 422)),
    "transparency:intensities": Expect(get=(200, 200, 200, 200)),
    "transparency:report_intensity": Expect(get=(L, 200, 200, 403), post=(L, 422, 422, 403)),
    "transparency:band_scales": Expect(get=(L, 403, 403, 200), post=(L, 403, 403, 422)),
    "transparency:auditors": Expect(get=(L, 200, 200, 403), post=(L, 422, 422, 403)),
    "transparency:revoke_auditor": Expect(
        get=(L, 405, 405, 403),
        post=(L, 302, 302, 403),
        kwargs=lambda world: {"user_id": world.lead.pk},
    ),
    # The member organisation granted the lead's user access to its figures.
    "transparency:audit": Expect(get=(L, 403, 200, 403)),
    "transparency:audit_organisation": Expect(
        get=(L, 403, 200, 403), post=(L, 403, 422, 403), kwargs=member_organisation
    ),
    "transparency:revoke": Expect(
        get=(L, 403, 403, 405),
        post=(L, 403, 403, 302),
        kwargs=lambda world: {"user_id": world.lead.pk},
    ),
}

FORESIGHT = {
    "foresight:scenario": Expect(get=(200, 200, 200, 200), query="preset=iea-base&samples=100"),
    "foresight:export": Expect(
        get=(200, 200, 200, 200),
        kwargs=lambda world: {"fmt": "csv"},
        query="preset=multi-agent&samples=100",
    ),
    # The world holds no agentic AI foresight workstream: coordinators pass the rule, then 404.
    "foresight:save": Expect(get=(L, 403, 403, 405), post=(L, 403, 403, 404)),
}

# Challenges: public pages and data; anyone signed in forms a team (the probe, without a name, is
# sent back with a message); the member's team submits and invites; the workstream's leads and the
# coordinators run the final re-run (POST only: require_POST answers first); an invitation is
# accepted by whoever signs in with its link.
CHALLENGES = {
    "challenges:list": Expect(get=(200, 200, 200, 200)),
    "challenges:detail": Expect(get=(200, 200, 200, 200), kwargs=lambda w: {"slug": "blobs"}),
    "challenges:data": Expect(get=(200, 200, 200, 200), kwargs=lambda w: {"slug": "blobs"}),
    "challenges:form_team": Expect(
        get=(405, 405, 405, 405), post=(L, 302, 302, 302), kwargs=lambda w: {"slug": "blobs"}
    ),
    "challenges:invite": Expect(
        get=(405, 405, 405, 405),
        post=(L, 302, 403, 403),
        kwargs=lambda w: {"slug": "blobs", "team_id": w.team.pk},
    ),
    "challenges:submit": Expect(
        get=(405, 405, 405, 405),
        post=(L, 302, 403, 403),
        kwargs=lambda w: {"slug": "blobs", "team_id": w.team.pk},
    ),
    "challenges:finalise": Expect(
        get=(405, 405, 405, 405), post=(L, 403, 302, 302), kwargs=lambda w: {"slug": "blobs"}
    ),
    "challenges:accept": Expect(
        get=(L, 200, 200, 200),
        post=(L, 302, 302, 302),
        kwargs=lambda w: {"token": w.team_invitation},
    ),
}

# The standards roadmap: public reads; the leads of its workstream (the lead's organisation) and
# the coordinators record status changes, freeze and publish editions.
STANDARDS = {
    "standards:list": Expect(get=(200, 200, 200, 200)),
    "standards:detail": Expect(get=(200, 200, 200, 200), kwargs=lambda w: {"pk": w.standard.pk}),
    "standards:status": Expect(
        get=(L, 403, 405, 405),
        post=(L, 403, 302, 302),
        kwargs=lambda w: {"pk": w.standard.pk},
        data=lambda w: {"status": "revised", "date": "2026-05-01"},
    ),
    "standards:relate": Expect(
        get=(L, 403, 405, 405),
        post=(L, 403, 302, 302),
        kwargs=lambda w: {"pk": w.standard.pk},
        data=lambda w: {"type": "liaises-with", "target": w.standard.identifier},
    ),
    "standards:coverage": Expect(get=(200, 200, 200, 200)),
    # Members propose (a form missing its fields: 422); the leads moderate.
    "standards:propose": Expect(get=(L, 200, 200, 200), post=(L, 422, 422, 422)),
    "standards:propose_change": Expect(
        get=(L, 200, 200, 200), post=(L, 422, 422, 422), kwargs=lambda w: {"pk": w.standard.pk}
    ),
    "standards:proposals": Expect(get=(L, 403, 200, 200)),
    "standards:decide": Expect(
        get=(L, 403, 405, 405),
        post=(L, 403, 302, 302),
        kwargs=lambda w: {"pk": w.standard_proposal.pk},
        data=lambda w: {"decision": "reject", "reason": "No source."},
    ),
    "standards:export": Expect(get=(200, 200, 200, 200), kwargs=lambda w: {"fmt": "csv"}),
    "standards:editions": Expect(get=(200, 200, 200, 200), post=(403, 403, 200, 200)),
    "standards:edition": Expect(get=(200, 200, 200, 200), kwargs=lambda w: {"name": "2026"}),
    "standards:edition_pdf": Expect(get=(200, 200, 200, 200), kwargs=lambda w: {"name": "2026"}),
    "standards:graph": Expect(get=(200, 200, 200, 200)),
    "standards:edition_publish": Expect(
        get=(L, 403, 405, 405), post=(L, 403, 302, 302), kwargs=lambda w: {"name": "2026"}
    ),
}


# The procurement toolkit: the criteria library is public; members propose criteria (a form
# missing its fields: 422) and the leads of its workstream moderate them. A tender pack (the
# member's) is seen by whoever built it, the leads and the coordinators.
def tender_pack(world):
    return {"pk": world.tender_pack.pk}


PROCUREMENT = {
    "procurement:criteria": Expect(get=(200, 200, 200, 200)),
    "procurement:export": Expect(get=(200, 200, 200, 200), kwargs=lambda w: {"fmt": "xlsx"}),
    "procurement:propose": Expect(get=(L, 200, 200, 200), post=(L, 422, 422, 422)),
    "procurement:moderation": Expect(get=(L, 403, 200, 200)),
    "procurement:decide": Expect(
        get=(L, 403, 405, 405),
        post=(L, 403, 302, 302),
        kwargs=lambda w: {"pk": w.pending_criterion.pk},
        data=lambda w: {"decision": "reject"},
    ),
    # The leads correct a criterion (a form missing its fields: 422).
    "procurement:edit_criterion": Expect(
        get=(L, 403, 200, 200),
        post=(L, 403, 422, 422),
        kwargs=lambda w: {"pk": w.pending_criterion.pk},
    ),
    "procurement:packs": Expect(get=(L, 200, 200, 200)),
    "procurement:builder": Expect(get=(L, 200, 200, 200), post=(L, 422, 422, 422)),
    "procurement:pack": Expect(get=(L, 200, 200, 200), kwargs=tender_pack),
    "procurement:pack_file": Expect(
        get=(L, 200, 200, 200),
        kwargs=lambda w: {**tender_pack(w), "name": "questionnaire", "fmt": "xlsx"},
    ),
    "procurement:pack_file@docx": Expect(
        get=(L, 200, 200, 200),
        kwargs=lambda w: {**tender_pack(w), "name": "pack", "fmt": "docx"},
    ),
    # Bids that do not read (here, no form at all): 422, nothing saved.
    "procurement:evaluate": Expect(
        get=(L, 200, 200, 200), post=(L, 422, 422, 422), kwargs=tender_pack
    ),
}


# The AI pilots showcase: public gallery, pages and brochures; members submit (a form missing its
# fields: 422); the leads of its workstream (the lead's organisation) and the coordinators
# moderate and assemble collections. A pending pilot is seen by its submitter and the moderators.
PILOTS = {
    "pilots:gallery": Expect(get=(200, 200, 200, 200)),
    "pilots:detail": Expect(get=(200, 200, 200, 200), kwargs=lambda w: {"slug": w.pilot.slug}),
    "pilots:detail@pending": Expect(
        get=(404, 200, 200, 200), kwargs=lambda w: {"slug": w.pending_pilot.slug}
    ),
    "pilots:submit": Expect(get=(L, 200, 200, 200), post=(L, 422, 422, 422)),
    # ``member`` submitted the pilot: they edit it, as its moderators do (another member: 403,
    # tests/pilots).
    "pilots:edit": Expect(
        get=(L, 200, 200, 200),
        post=(L, 422, 422, 422),
        kwargs=lambda w: {"slug": w.pilot.slug},
    ),
    "pilots:moderation": Expect(get=(L, 403, 200, 200)),
    "pilots:moderate": Expect(
        get=(L, 403, 200, 200),
        post=(L, 403, 422, 422),
        kwargs=lambda w: {"slug": w.pending_pilot.slug},
    ),
    "pilots:collections": Expect(get=(L, 403, 200, 200), post=(L, 403, 422, 422)),
    "pilots:collection": Expect(
        get=(200, 200, 200, 200), kwargs=lambda w: {"slug": w.pilot_collection.slug}
    ),
    "pilots:brochure": Expect(
        get=(200, 200, 200, 200), kwargs=lambda w: {"slug": w.pilot_collection.slug}
    ),
}


# The compressed-models library: public reads; members propose; the leads of its workstream (the
# lead's organisation) and the coordinators moderate and start benchmarks (the world's published
# entry has no model file: refused with a message, back to the entry).
MODEL_LIBRARY = {
    "model_library:catalogue": Expect(get=(200, 200, 200, 200)),
    "model_library:pareto": Expect(get=(200, 200, 200, 200)),
    "model_library:export": Expect(get=(200, 200, 200, 200), kwargs=lambda w: {"fmt": "csv"}),
    "model_library:entry": Expect(
        get=(200, 200, 200, 200), kwargs=lambda w: {"slug": w.model_entry.slug}
    ),
    "model_library:entry@proposed": Expect(
        get=(404, 404, 200, 200), kwargs=lambda w: {"slug": w.model_proposal.slug}
    ),
    "model_library:propose": Expect(get=(L, 200, 200, 200), post=(L, 422, 422, 422)),
    "model_library:proposals": Expect(get=(L, 403, 200, 200)),
    "model_library:decide": Expect(
        get=(L, 403, 405, 405),
        post=(L, 403, 302, 302),
        kwargs=lambda w: {"slug": w.model_proposal.slug},
        data=lambda w: {"decision": "reject", "reason": "No source."},
    ),
    "model_library:benchmark": Expect(
        get=(L, 403, 405, 405),
        post=(L, 403, 302, 302),
        kwargs=lambda w: {"slug": w.model_entry.slug},
        data=lambda w: {"repeat": "1"},
    ),
    "model_library:run": Expect(get=(L, 403, 200, 200), kwargs=lambda w: {"pk": w.model_run.pk}),
}

# The API's own pages; its operations are in API_OPERATIONS below.
API_PAGES = {
    "api:api-root": Expect(get=(404, 404, 404, 404)),
    "api:openapi-json": Expect(get=(200, 200, 200, 200)),
    "api:openapi-view": Expect(get=(200, 200, 200, 200)),
    "api-reference": Expect(get=(200, 200, 200, 200)),
    "api-operation": Expect(
        get=(200, 200, 200, 200),
        kwargs=lambda w: {"operation_id": "sustainai_calls_api_list_calls"},
    ),
}


def merged(*tables: dict) -> dict:
    rows = {}
    for table in tables:
        assert not rows.keys() & table.keys(), f"listed twice: {rows.keys() & table.keys()}"
        rows |= table
    return rows


def report(name):
    return lambda world: {"slug": getattr(world, name).slug}


def published_table(world):
    return {
        "slug": world.published_report.slug,
        "language": "fr",
        "key": "members",
        "table": "by-kind",
        "fmt": "xlsx",
    }


# Event reports: the coordinators build, freeze and publish them; the leads of a workstream (and
# the coordinators) review; a lead approves only the sections of their workstream, so the lead
# gets 403 approving the members' section; a published report, its PDF and data are public.
REPORTS = {
    "reports:list": Expect(get=(200, 200, 200, 200)),
    "reports:create": Expect(get=(L, 403, 403, 200), post=(L, 403, 403, 200)),
    "reports:diff": Expect(get=(200, 200, 200, 200)),
    "reports:detail": Expect(get=(302, 302, 302, 302), kwargs=report("published_report")),
    "reports:detail@frozen": Expect(get=(L, 403, 403, 302), kwargs=report("frozen_report")),
    "reports:manage": Expect(
        get=(L, 403, 403, 200), post=(L, 403, 403, 200), kwargs=report("frozen_report")
    ),
    "reports:freeze": Expect(
        get=(L, 403, 403, 405), post=(L, 403, 403, 302), kwargs=report("frozen_report")
    ),
    "reports:publish": Expect(
        get=(L, 403, 403, 405), post=(L, 403, 403, 302), kwargs=report("frozen_report")
    ),
    "reports:review": Expect(get=(L, 403, 200, 200), kwargs=report("frozen_report")),
    "reports:comment": Expect(
        get=(L, 403, 405, 405),
        post=(L, 403, 302, 302),
        kwargs=lambda world: {"slug": world.frozen_report.slug, "key": "members"},
    ),
    "reports:review_section": Expect(
        get=(L, 403, 200, 200),
        kwargs=lambda world: {"slug": world.frozen_report.slug, "key": "members"},
    ),
    "reports:approve": Expect(
        get=(L, 403, 405, 405),
        post=(L, 403, 403, 302),
        kwargs=lambda world: {"slug": world.frozen_report.slug, "key": "members"},
    ),
    "reports:page": Expect(
        get=(200, 200, 200, 200),
        kwargs=lambda world: {"slug": world.published_report.slug, "language": "fr"},
    ),
    "reports:page@frozen": Expect(
        get=(L, 403, 403, 200),
        kwargs=lambda world: {"slug": world.frozen_report.slug, "language": "en"},
    ),
    "reports:section": Expect(
        get=(200, 200, 200, 200),
        kwargs=lambda world: {
            "slug": world.published_report.slug,
            "language": "fr",
            "key": "members",
        },
    ),
    "reports:section@frozen": Expect(
        get=(L, 403, 403, 200),
        kwargs=lambda world: {
            "slug": world.frozen_report.slug,
            "language": "en",
            "key": "members",
        },
    ),
    "reports:pdf": Expect(
        get=(200, 200, 200, 200),
        kwargs=lambda world: {"slug": world.published_report.slug, "language": "fr"},
    ),
    "reports:data": Expect(get=(200, 200, 200, 200), kwargs=report("published_report")),
    "reports:workbook": Expect(
        get=(200, 200, 200, 200),
        kwargs=lambda world: {"slug": world.published_report.slug, "language": "en"},
    ),
    "reports:table": Expect(get=(200, 200, 200, 200), kwargs=published_table),
}


ROUTES = merged(
    CORE,
    ACCOUNTS,
    ATLAS,
    LINKAGE,
    MEMBERS,
    CONSULTATIONS,
    CALLS,
    WORKSTREAMS,
    OUTBOX,
    CALCULATOR,
    TRANSPARENCY,
    FORESIGHT,
    STANDARDS,
    PROCUREMENT,
    PILOTS,
    CHALLENGES,
    MODEL_LIBRARY,
    REPORTS,
    API_PAGES,
)


# --- The API: every operation, by method and path (as in the OpenAPI schema) ------------------
# Signed-in roles call it with their own bearer token (``sustainai token create``); with
# ``session``, signed in to the site instead, with no token.


@dataclass(frozen=True)
class ExpectApi:
    outcomes: Outcomes
    path: Kwargs = lambda world: {}  # noqa: E731
    body: Callable[[World], dict] | None = None
    session: bool = False


def expression_body(world):
    return {
        "workstreams": [{"slug": world.open_workstream.slug, "role": "contributor"}],
        "contact_name": "Alex Contact",
        "contact_email": "alex@example.org",
        "consent": True,
    }


API_OPERATIONS = {
    "GET /api/v1/initiatives": ExpectApi((200, 200, 200, 200)),
    "GET /api/v1/initiatives/{initiative_id}": ExpectApi(
        (200, 200, 200, 200), path=lambda world: {"initiative_id": world.initiative.pk}
    ),
    "GET /api/v1/initiatives/{initiative_id}@pending": ExpectApi(
        (404, 404, 404, 404), path=lambda world: {"initiative_id": world.pending_initiative.pk}
    ),
    "GET /api/v1/calls": ExpectApi((200, 200, 200, 200)),
    # By token only; the coordinators belong to no member organisation.
    "POST /api/v1/calls/{slug}/expressions": ExpectApi(
        (401, 201, 201, 403), path=open_call, body=expression_body
    ),
    # The organisation's own expression: the member's organisation has one in the closed call.
    "GET /api/v1/calls/{slug}/expressions/mine": ExpectApi((401, 200, 404, 403), path=closed_call),
    # A session is no token: the site's cookie does not authenticate API writes.
    "POST /api/v1/calls/{slug}/expressions@session": ExpectApi(
        (401, 401, 401, 401), path=open_call, body=expression_body, session=True
    ),
    "POST /api/v1/footprint/estimate": ExpectApi(
        (200, 200, 200, 200),
        body=lambda world: {"accelerator": "H100", "accelerator_hours": 10, "location": "FR"},
    ),
    "GET /api/v1/footprint/sources": ExpectApi((200, 200, 200, 200)),
    # By token of a member organisation's user only.
    "POST /api/v1/transparency/submissions": ExpectApi(
        (401, 201, 201, 403), body=lambda world: CONFIDENTIAL_FIGURE
    ),
    "GET /api/v1/transparency/tables": ExpectApi((200, 200, 200, 200)),
    # Public: it reads no stored data; samples are capped and runs rate-limited per address.
    "POST /api/v1/foresight/run": ExpectApi(
        (200, 200, 200, 200), body=lambda world: {"preset": "iea-base", "samples": 100}
    ),
    "GET /api/v1/foresight/presets": ExpectApi((200, 200, 200, 200)),
    "GET /api/v1/standards": ExpectApi((200, 200, 200, 200)),
    "GET /api/v1/standards/coverage": ExpectApi((200, 200, 200, 200)),
    # By token: it stores nothing, but ranks suppliers' figures.
    "POST /api/v1/procurement/evaluate": ExpectApi(
        (401, 200, 200, 200),
        body=lambda world: {
            "weights": {"price": 0.7, "energy": 0.3},
            "bids": [{"name": "A", "price": 10, "energy_wh_per_unit": 1, "evidence": "measured"}],
        },
    ),
    "GET /api/v1/pilots": ExpectApi((200, 200, 200, 200)),
    "GET /api/v1/challenges/{slug}/leaderboard": ExpectApi(
        (200, 200, 200, 200), path=lambda w: {"slug": "blobs"}
    ),
    # A token, then a multipart form (team, file): the probe's JSON body has neither, 422.
    "POST /api/v1/challenges/{slug}/submissions": ExpectApi(
        (401, 422, 422, 422), path=lambda w: {"slug": "blobs"}
    ),
    "GET /api/v1/models": ExpectApi((200, 200, 200, 200)),
}


# --- Walking the URL configuration and the API ----------------------------------------------


def walk(patterns, namespace="", prefix=""):
    """(name, route) of every named URL pattern, names with their namespaces."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name, prefix + str(entry.pattern)


def api_operations() -> set[str]:
    schema = api.get_openapi_schema()
    return {f"{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops}


def operation_route(route: str) -> str:
    """'api/v1/calls/<slug>/expressions' → '/api/v1/calls/{slug}/expressions'."""
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def routes_of_ours() -> set[str]:
    """Every named route but the admin's and the API operations' (listed in API_OPERATIONS)."""
    operation_paths = {key.split(" ", 1)[1] for key in api_operations()}
    return {
        name
        for name, route in walk(get_resolver().url_patterns)
        if not name.startswith("admin:")
        and not (name.startswith("api:") and operation_route(route) in operation_paths)
    }


def route_name(key: str) -> str:
    return key.split("@", 1)[0]


# --- The tests ---------------------------------------------------------------------------


def differences(existing: set[str], table: dict) -> dict[str, list[str]]:
    listed = {route_name(key) for key in table}
    return {"missing from the table": sorted(existing - listed), "gone": sorted(listed - existing)}


def test_the_tables_list_every_route():
    assert differences(routes_of_ours(), ROUTES) == {"missing from the table": [], "gone": []}


def test_the_api_table_lists_every_operation():
    assert differences(api_operations(), API_OPERATIONS) == {
        "missing from the table": [],
        "gone": [],
    }


def outcome(response) -> int | str:
    login_url = resolve_url(settings.LOGIN_URL)
    if response.status_code == 302 and response["Location"].startswith(login_url + "?"):
        return LOGIN
    return response.status_code


def client_for(world: World, role: str) -> Client:
    client = Client()
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    return client


def route_cases():
    for key, expect in ROUTES.items():
        for method in ("GET", "POST"):
            outcomes = expect.get if method == "GET" else expect.post
            if outcomes is None:
                continue
            assert len(outcomes) == len(ROLES), key
            for role, expected in zip(ROLES, outcomes, strict=True):
                yield pytest.param(key, method, role, expected, id=f"{key}-{method}-{role}")


@pytest.mark.parametrize(("key", "method", "role", "expected"), list(route_cases()))
def test_route(world, db, key, method, role, expected):
    expect = ROUTES[key]
    url = reverse(route_name(key), kwargs=expect.kwargs(world))
    if expect.query:
        url += "?" + expect.query
    client = client_for(world, role)
    response = client.get(url) if method == "GET" else client.post(url, expect.data(world))
    assert outcome(response) == expected


def api_cases():
    for key, expect in API_OPERATIONS.items():
        for role, expected in zip(ROLES, expect.outcomes, strict=True):
            yield pytest.param(key, role, expected, id=f"{key}-{role}")


@pytest.mark.parametrize(("key", "role", "expected"), list(api_cases()))
def test_api_operation(world, db, key, role, expected):
    expect = API_OPERATIONS[key]
    method, path = route_name(key).split(" ", 1)
    url = path.format(**expect.path(world))
    headers = {}
    if expect.session:
        client = client_for(world, role)
    else:
        client = Client()
        if role != "anonymous":
            headers["Authorization"] = f"Bearer {world.api_tokens[role]}"
    if method == "GET":
        response = client.get(url, headers=headers)
    else:
        body = expect.body(world) if expect.body else {}
        response = client.post(url, body, content_type="application/json", headers=headers)
    assert response.status_code == expected
