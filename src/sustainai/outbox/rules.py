import rules

from sustainai.accounts.rules import is_coordinator

rules.add_perm("outbox.manage_outbox", is_coordinator)
