"""Who may use the duplicate hint, the review queue and the overlap report."""

import rules

from sustainai.accounts.rules import is_coordinator, is_member_user

# The hint on the submission form: users of member organisations, and coordinators.
rules.add_perm("linkage.use_hint", is_member_user | is_coordinator)
# The review queue, decisions and the overlap report: coordinators only.
rules.add_perm("linkage.review", is_coordinator)
rules.add_perm("linkage.view_overlaps", is_coordinator)
