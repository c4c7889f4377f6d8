"""Demo data of the Atlas: real public initiatives (``demo_initiatives.yaml``), marked as demo.

Idempotent: an entry already loaded is only updated where the data file changed, so running
``sustainai demo`` twice changes nothing (no new history records either). Loading sends no e-mail.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from django.utils import timezone

from sustainai.accounts.models import User
from sustainai.atlas import services
from sustainai.atlas.models import EditProposal, Initiative, ModerationState, ProposalState

DATA_FILE = Path(__file__).with_name("demo_initiatives.yaml")
SOURCE = "Demo data: curated list of public initiatives (sources in demo_initiatives.yaml)"
DEMO_SUBMITTER = "member@example.org"


def entries() -> list[dict]:
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))["initiatives"]


def values_of(entry: dict) -> dict:
    return {
        "name": entry["name"],
        "aliases": entry.get("aliases", []),
        "summary": entry.get("summary", ""),
        "description": entry.get("description", ""),
        "type": entry["type"],
        "topics": sorted(entry.get("topics", [])),
        "lead_organisations": entry.get("lead", []),
        "partner_organisations": entry.get("partners", []),
        "countries": sorted(entry.get("countries", [])),
        "scope": entry.get("scope", "national"),
        "regions": entry.get("regions", []),
        "start_year": entry.get("start_year"),
        "status": entry.get("status", "active"),
        "website": entry.get("website", ""),
        "contact": "",
    }


def load(out) -> None:
    submitter = User.objects.filter(email=DEMO_SUBMITTER).first()
    created = updated = 0
    for entry in entries():
        values = values_of(entry)
        initiative = Initiative.objects.filter(slug=entry["slug"]).first()
        if initiative is None:
            submitted = entry.get("state") == ModerationState.SUBMITTED
            initiative = Initiative(
                slug=entry["slug"],
                state=ModerationState.SUBMITTED if submitted else ModerationState.PUBLISHED,
                published_at=None if submitted else timezone.now(),
                submitted_by=submitter if submitted else None,
                imported_from=SOURCE,
                is_demo=True,
            )
            services.apply_values(initiative, values, by=None, reason="Demo data")
            created += 1
        elif services.changed_values(initiative, values)[0]:
            services.apply_values(initiative, values, by=None, reason="Demo data updated")
            updated += 1
    proposals = _demo_proposal(submitter)
    out.write(
        f"  {created} demo initiatives added, {updated} updated, {proposals} proposed edit added"
    )


def _demo_proposal(proposer) -> int:
    """One pending proposed edit, so that the moderation queue shows a diff."""
    initiative = Initiative.objects.filter(slug="ml-energy-leaderboard").first()
    if proposer is None or initiative is None:
        return 0
    if EditProposal.objects.filter(initiative=initiative, proposed_by=proposer).exists():
        return 0
    if initiative.state != ModerationState.PUBLISHED:
        return 0
    proposed = {"aliases": [*initiative.aliases, "The ML.ENERGY Leaderboard"]}
    EditProposal.objects.create(
        initiative=initiative,
        proposed_by=proposer,
        changes=proposed,
        original={"aliases": list(initiative.aliases)},
        comment="The project's pages call it “The ML.ENERGY Leaderboard”.",
        state=ProposalState.PENDING,
    )
    return 1
