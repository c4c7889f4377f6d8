"""Who may see what of the confidential figures.

- The public sees published aggregate tables (cells that passed the rules) and nothing else.
- An approved member organisation's users submit figures and see their own organisation's, with
  the log of who read them.
- Readers appointed by the coordinators read every organisation's raw figures (each read logged).
- Auditors an organisation granted access read that organisation's raw figures (logged) and
  publish attestations in their place.
- Coordinators define and publish tables and appoint readers; they do not read raw figures unless
  they are readers too, and they never see a table's parameters published.
"""

import rules

from sustainai.accounts.rules import is_coordinator, is_member_user


@rules.predicate
def is_reader(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    from sustainai.toolkits.transparency.models import Reader

    return Reader.objects.filter(user=user).exists()


@rules.predicate
def owns_submission(user, submission) -> bool:
    return (
        submission is not None
        and user.is_authenticated
        and user.organisation_id is not None
        and user.organisation_id == submission.organisation_id
    )


@rules.predicate
def is_auditor(user) -> bool:
    """Some organisation granted this person access to its raw figures."""
    if not (user.is_authenticated and user.is_active):
        return False
    from sustainai.toolkits.transparency.models import AuditorGrant

    return AuditorGrant.objects.filter(auditor=user).exists()


@rules.predicate
def audits(user, organisation) -> bool:
    if organisation is None or not (user.is_authenticated and user.is_active):
        return False
    from sustainai.toolkits.transparency.models import AuditorGrant

    return AuditorGrant.objects.filter(auditor=user, organisation=organisation).exists()


rules.add_perm("transparency.view_published", rules.always_allow)
rules.add_perm("transparency.grant_auditors", is_member_user)
rules.add_perm("transparency.audit", is_auditor)
rules.add_perm("transparency.audit_organisation", audits)
rules.add_perm("transparency.submit_figures", is_member_user)
rules.add_perm("transparency.withdraw_figure", is_member_user & owns_submission)
rules.add_perm("transparency.read_figures", is_reader)
rules.add_perm("transparency.manage_tables", is_coordinator)
rules.add_perm("transparency.manage_readers", is_coordinator)
