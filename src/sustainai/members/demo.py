"""Demo member organisations (fictional, marked as demo)."""

from __future__ import annotations

import datetime

from sustainai.members.models import MembershipStatus, Organisation

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
    out.write(f"  {len(DEMO_ORGANISATIONS)} demo organisations")
