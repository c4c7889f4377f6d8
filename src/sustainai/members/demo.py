"""Demo member organisations (fictional, marked as demo)."""

from __future__ import annotations

import datetime
from typing import Any

from sustainai.members import consent
from sustainai.members.models import (
    Contact,
    MembershipApplication,
    MembershipStatus,
    Organisation,
    OrganisationKind,
)
from sustainai.members.services import role_for_kind

DEMO_ORGANISATIONS = [
    # slug, name, kind, role, country, joined
    ("demo-greencompute", "GreenCompute Labs (demo)", "startup", "member", "FR", "2025-03-12"),
    (
        "demo-nordic-ai-institute",
        "Nordic AI Institute (demo)",
        "research",
        "member",
        "SE",
        "2025-04-02",
    ),
    ("demo-terra-ventures", "Terra Ventures (demo)", "investor", "member", "DE", "2025-05-20"),
    ("demo-savanna-data", "Savanna Data Collective (demo)", "ngo", "member", "KE", "2025-06-11"),
    ("demo-andes-cloud", "Andes Cloud (demo)", "company", "member", "CL", "2025-07-01"),
    (
        "demo-ministry-ecology",
        "Ministry of Ecological Transition (demo)",
        "government",
        "supporter",
        "FR",
        "2025-02-10",
    ),
]


# Fictional people (example.org addresses); the first contact of GreenCompute Labs is the demo
# member account's person, member@example.org.
DEMO_CONTACTS = [
    # organisation slug, full name, e-mail, position
    ("demo-greencompute", "Morgan Member", "member@example.org", "Head of sustainability"),
    ("demo-greencompute", "Lucie Martin", "lucie.martin@greencompute.example.org", "CTO"),
    (
        "demo-nordic-ai-institute",
        "Erik Lindqvist",
        "erik@nordic-ai.example.org",
        "Research director",
    ),
    (
        "demo-terra-ventures",
        "Anna Weber",
        "anna.weber@terra-ventures.example.org",
        "Partner, climate tech",
    ),
    ("demo-savanna-data", "Wanjiru Otieno", "wanjiru@savanna-data.example.org", "Programme lead"),
    (
        "demo-andes-cloud",
        "Diego Rojas",
        "diego.rojas@andes-cloud.example.org",
        "Data-centre operations",
    ),
    (
        "demo-ministry-ecology",
        "Claire Dubois",
        "claire.dubois@ministry.example.org",
        "Digital sobriety unit",
    ),
]

# A pending application, for the coordinators' queue.
DEMO_APPLICATION: dict[str, Any] = {
    "slug": "demo-blue-horizon",
    "name": "Blue Horizon Analytics (demo)",
    "kind": OrganisationKind.STARTUP,
    "country": "PT",
    "description": "Measures the energy use of machine-learning pipelines for small companies.",
    "motivation": "We want to contribute to the public procurement toolkit.",
    "contact": ("Inês Costa", "ines.costa@blue-horizon.example.org", "Founder"),
}


def _contact(organisation, full_name, email, position, *, primary):
    Contact.objects.update_or_create(
        organisation=organisation,
        email=email,
        defaults={
            "full_name": full_name,
            "position": position,
            "is_primary": primary,
            "consent_purpose": consent.MEMBERSHIP_CONTACT,
            "consent_text_version": consent.MEMBERSHIP_CONTACT_VERSION,
            "consent_text": str(consent.MEMBERSHIP_CONTACT_TEXT),
            # A fixed time keeps the loader idempotent: the day the organisation joined, or applied.
            "consent_given_at": datetime.datetime.combine(
                organisation.joined_on or datetime.date(2025, 11, 3),
                datetime.time(9, 0),
                tzinfo=datetime.UTC,
            ),
            "is_demo": True,
        },
    )


def load(out) -> None:
    for slug, name, kind, role, country, joined in DEMO_ORGANISATIONS:
        Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "role": role,
                "country": country,
                "website": f"https://{slug}.example.org",
                "status": MembershipStatus.APPROVED,
                "joined_on": datetime.date.fromisoformat(joined),
                "public_profile": True,
                "is_demo": True,
            },
        )
    seen = set()
    for slug, full_name, email, position in DEMO_CONTACTS:
        organisation = Organisation.objects.get(slug=slug)
        _contact(organisation, full_name, email, position, primary=slug not in seen)
        seen.add(slug)
    pending = DEMO_APPLICATION
    organisation, _ = Organisation.objects.update_or_create(
        slug=pending["slug"],
        defaults={
            "name": pending["name"],
            "kind": pending["kind"],
            "role": role_for_kind(pending["kind"]),
            "country": pending["country"],
            "website": f"https://{pending['slug']}.example.org",
            "description": pending["description"],
            "status": MembershipStatus.APPLIED,
            "public_profile": True,
            "is_demo": True,
        },
    )
    _contact(organisation, *pending["contact"], primary=True)
    MembershipApplication.objects.update_or_create(
        organisation=organisation, defaults={"motivation": pending["motivation"]}
    )
    out.write(
        f"  {len(DEMO_ORGANISATIONS)} demo organisations, {len(DEMO_CONTACTS)} contacts, "
        "1 pending application"
    )
