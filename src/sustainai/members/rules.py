"""Who may do what with members: built on the platform's roles."""

import rules

from sustainai.accounts.rules import is_coordinator, is_member_user, is_signed_in


@rules.predicate
def is_own_organisation(user, organisation) -> bool:
    """The organisation is the user's own (``User.organisation``)."""
    return (
        organisation is not None
        and user.is_authenticated
        and user.organisation_id is not None
        and user.organisation_id == organisation.pk
    )


# An approved organisation's own users, and the coordinators.
organisation_user_or_coordinator = is_coordinator | (is_own_organisation & is_member_user)

rules.add_perm("members.review_applications", is_coordinator)
# Anyone signed in manages (exports, erases) their own personal data.
rules.add_perm("members.manage_own_data", is_signed_in)
# The public profile (name, website, country, description, listing). Kind, role and status are
# changed by coordinators only, in the Django admin (whose model permission is
# ``members.change_organisation``, hence another name here).
rules.add_perm("members.edit_organisation", organisation_user_or_coordinator)
# Contacts are personal data: seen and managed by the organisation's users and coordinators only.
rules.add_perm("members.manage_contacts", organisation_user_or_coordinator)
