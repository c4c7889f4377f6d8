"""Running scenarios is public (presets and URL-shared scenarios hold nothing personal or
confidential). Saving one is for the workstream's participants and the coordinators; the object
checked is the agentic AI foresight workstream."""

import rules

from sustainai.accounts.rules import is_coordinator, is_member_user
from sustainai.workstreams.rules import participates_in

rules.add_perm("foresight.save_scenario", is_coordinator | (is_member_user & participates_in))
