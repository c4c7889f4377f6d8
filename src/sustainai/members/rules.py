"""Who may do what with members: built on the platform's roles."""

import rules

from sustainai.accounts.rules import is_coordinator, is_signed_in

rules.add_perm("members.review_applications", is_coordinator)
# Anyone signed in manages (exports, erases) their own personal data.
rules.add_perm("members.manage_own_data", is_signed_in)
