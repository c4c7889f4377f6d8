"""Who may do what with calls, expressions of interest and workstream spaces."""

import rules

from sustainai.accounts.rules import is_coordinator, is_member_user


@rules.predicate
def is_own_expression(user, expression) -> bool:
    return (
        expression is not None
        and user.is_authenticated
        and user.organisation_id is not None
        and expression.organisation_id == user.organisation_id
    )


@rules.predicate
def participates_in(user, workstream) -> bool:
    """The user's organisation chose this workstream in its expression, or leads it."""
    if workstream is None or not workstream.has_space or user.organisation_id is None:
        return False
    return (
        workstream.choices.filter(expression__organisation_id=user.organisation_id).exists()
        or workstream.leads.filter(pk=user.organisation_id).exists()
    )


@rules.predicate
def leads(user, workstream) -> bool:
    if workstream is None or not workstream.has_space or user.organisation_id is None:
        return False
    return workstream.leads.filter(pk=user.organisation_id).exists()


rules.add_perm("calls.express_interest", is_member_user)
rules.add_perm("calls.view_expression", is_coordinator | (is_member_user & is_own_expression))
rules.add_perm("calls.manage_calls", is_coordinator)
rules.add_perm("calls.view_space", is_coordinator | (is_member_user & participates_in))
rules.add_perm("calls.edit_space", is_coordinator | (is_member_user & leads))
rules.add_perm("calls.view_spaces", is_coordinator | is_member_user)
