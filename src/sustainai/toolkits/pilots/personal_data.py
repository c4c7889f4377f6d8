"""The personal data the pilots showcase holds about a person: the pilots they submitted or
moderated, the edits they made and the collections they created. Erasure unlinks them and
removes their mentions from moderation notes; the pilots, their edits and collections stay (they
are the showcase's record)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from sustainai.core.personal_data import names_person, scrubbed
from sustainai.toolkits.pilots.models import Collection, Pilot, Revision

SOURCE_NAME = "pilots"

PERSONAL_FIELDS = (
    "pilots.Pilot.submitted_by",
    "pilots.Pilot.moderated_by",
    "pilots.Pilot.moderation_note",
    "pilots.Collection.created_by",
    "pilots.Revision.edited_by",
)


def export_personal_data(user) -> dict:
    pilots = Pilot.objects.filter(Q(submitted_by=user) | Q(moderated_by=user)).order_by("pk")
    return {
        "pilots": [
            {
                "title": pilot.title,
                "submitted_by_you": pilot.submitted_by_id == user.pk,
                "moderated_by_you": pilot.moderated_by_id == user.pk,
                "state": pilot.state,
                "moderation_note": pilot.moderation_note,
                "created_at": pilot.created_at.isoformat(),
            }
            for pilot in pilots
        ],
        "pilot_collections": [
            {"title": c.title, "event": c.event, "created_at": c.created_at.isoformat()}
            for c in Collection.objects.filter(created_by=user).order_by("pk")
        ],
        "pilot_edits": [
            {
                "pilot": revision.pilot.title,
                "edited_at": revision.edited_at.isoformat(),
                "fields": [change["field"] for change in revision.changes],
            }
            for revision in Revision.objects.filter(edited_by=user)
            .select_related("pilot")
            .order_by("pk")
        ],
    }


def erase_personal_data(user) -> int:
    erased = 0
    with transaction.atomic():
        for pilot in Pilot.objects.select_for_update().order_by("pk"):
            mine = user.pk in (pilot.submitted_by_id, pilot.moderated_by_id)
            if not (mine or names_person(pilot.moderation_note, user)):
                continue
            if pilot.submitted_by_id == user.pk:
                pilot.submitted_by = None
            if pilot.moderated_by_id == user.pk:
                pilot.moderated_by = None
            pilot.moderation_note = scrubbed(pilot.moderation_note, user)
            pilot.save(update_fields=["submitted_by", "moderated_by", "moderation_note"])
            erased += 1
        erased += Collection.objects.filter(created_by=user).update(created_by=None)
        erased += Revision.objects.filter(edited_by=user).update(edited_by=None)
    return erased
