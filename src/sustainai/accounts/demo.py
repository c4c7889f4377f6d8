"""Demo accounts; their passwords are printed here and listed in the README."""

from __future__ import annotations

from sustainai.accounts.models import User

DEMO_ACCOUNTS = [
    # e-mail, password, full name, is_staff, organisation slug
    ("coordinator@example.org", "demo-coordinator", "Camille Coordinator", True, None),
    ("member@example.org", "demo-member", "Morgan Member", False, "demo-greencompute"),
]


def load(out) -> None:
    # Through the relation, not an import: accounts sit below members (their loader runs first).
    Organisation = User._meta.get_field("organisation").related_model
    for email, password, full_name, is_staff, organisation_slug in DEMO_ACCOUNTS:
        organisation_id = (
            Organisation._default_manager.values_list("pk", flat=True).get(slug=organisation_slug)
            if organisation_slug
            else None
        )
        user, created = User.objects.get_or_create(email=email)
        user.full_name = full_name
        user.is_staff = is_staff
        user.is_superuser = is_staff
        user.organisation_id = organisation_id
        user.set_password(password)
        user.save()
        out.write(f"  demo account {email} / password {password}")
