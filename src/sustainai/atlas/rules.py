"""Who may do what in the Atlas (django-rules predicates on the platform's roles)."""

import rules

from sustainai.accounts.rules import is_coordinator


@rules.predicate
def is_published(user, initiative) -> bool:
    return initiative is not None and initiative.is_published


@rules.predicate
def is_submitter(user, initiative) -> bool:
    return (
        initiative is not None
        and user.is_authenticated
        and initiative.submitted_by_id is not None
        and initiative.submitted_by_id == user.pk
    )


# Published initiatives are public; the others only for the coordinators and their submitter.
rules.add_perm("atlas.view_initiative", is_published | is_coordinator | is_submitter)
# An initiative's contact may name a person: only the coordinators and its submitter see it.
rules.add_perm("atlas.view_initiative_contact", is_coordinator | is_submitter)
