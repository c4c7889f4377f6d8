"""The platform's roles as django-rules predicates; every app builds its permissions from these."""

import rules


@rules.predicate
def is_coordinator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


@rules.predicate
def is_member_user(user) -> bool:
    """A signed-in user of an approved member organisation."""
    if not (user.is_authenticated and user.is_active):
        return False
    organisation = getattr(user, "organisation", None)
    return organisation is not None and organisation.is_approved


is_signed_in = rules.is_authenticated

rules.add_perm("accounts.view_own_profile", is_signed_in)
rules.add_perm("core.view_coordination", is_coordinator)
