"""Who may do what with consultations.

The public sees nothing of them; members see the consultations and their own organisation's answer
(and edit it while open); coordinators see every answer and the results.
"""

import rules

from sustainai.accounts.rules import is_coordinator, is_member_user

rules.add_perm("consultations.view_consultations", is_member_user | is_coordinator)
rules.add_perm("consultations.answer_consultation", is_member_user)
rules.add_perm("consultations.view_results", is_coordinator)
