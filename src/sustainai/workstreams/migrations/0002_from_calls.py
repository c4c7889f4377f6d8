"""Workstream spaces move out of ``calls``: each confirmed, active or completed workstream of a call
becomes a workstream here, with its leads and the organisations that chose it as participants, and
its meetings, deliverables and events. ``calls`` 0003 then links each proposal to its workstream
and drops its own tables.
"""

from django.db import migrations

SPACE_STATUSES = ("confirmed", "active", "completed")
RANK = {"lead": 0, "contributor": 1, "observer": 2}


def copy_spaces(apps, schema_editor):
    OldWorkstream = apps.get_model("calls", "Workstream")
    Choice = apps.get_model("calls", "Choice")
    OldMeeting = apps.get_model("calls", "Meeting")
    OldDeliverable = apps.get_model("calls", "Deliverable")
    OldEvent = apps.get_model("calls", "Event")
    Workstream = apps.get_model("workstreams", "Workstream")
    Participant = apps.get_model("workstreams", "Participant")
    Meeting = apps.get_model("workstreams", "Meeting")
    Deliverable = apps.get_model("workstreams", "Deliverable")
    Event = apps.get_model("workstreams", "Event")

    old_spaces = OldWorkstream.objects.filter(status__in=SPACE_STATUSES).select_related("call")
    for old in old_spaces.order_by("call__closes_at", "position", "pk"):
        # A slug confirmed in two calls is one workstream carrying on.
        workstream, created = Workstream.objects.get_or_create(
            slug=old.slug,
            defaults={
                "title": old.title,
                "context": old.context,
                "implementation": old.implementation,
                "status": old.status,
                "is_demo": old.call.is_demo,
            },
        )
        if created and old.decided_at is not None:
            # Opened when its proposal was confirmed, not when this migration runs.
            Workstream.objects.filter(pk=workstream.pk).update(created_at=old.decided_at)
        roles = {}
        motivations = {}
        for choice in Choice.objects.filter(workstream=old).select_related("expression"):
            organisation_id = choice.expression.organisation_id
            roles[organisation_id] = choice.role
            motivations[organisation_id] = choice.motivation
        for organisation_id in old.leads.values_list("pk", flat=True):
            roles[organisation_id] = "lead"
        for organisation_id, role in roles.items():
            participant = Participant.objects.filter(
                workstream=workstream, organisation_id=organisation_id
            ).first()
            if participant is None:
                Participant.objects.create(
                    workstream=workstream,
                    organisation_id=organisation_id,
                    role=role,
                    motivation=motivations.get(organisation_id, ""),
                )
            elif RANK[role] < RANK[participant.role]:
                # The better role, with the motivation given for it when there is one.
                participant.role = role
                participant.motivation = motivations.get(organisation_id) or participant.motivation
                participant.save(update_fields=["role", "motivation"])
        for meeting in OldMeeting.objects.filter(workstream=old):
            copy = Meeting.objects.create(
                workstream=workstream,
                title=meeting.title,
                starts_at=meeting.starts_at,
                ends_at=meeting.ends_at,
                place=meeting.place,
                link=meeting.link,
                agenda=meeting.agenda,
                minutes=meeting.minutes,
            )
            copy.attendees.set(meeting.attendees.all())
        Deliverable.objects.bulk_create(
            Deliverable(
                workstream=workstream,
                title=item.title,
                description=item.description,
                due_on=item.due_on,
                status=item.status,
                url=item.url,
            )
            for item in OldDeliverable.objects.filter(workstream=old)
        )
        Event.objects.bulk_create(
            Event(
                workstream=workstream,
                name=item.name,
                kind=item.kind,
                starts_on=item.starts_on,
                ends_on=item.ends_on,
                location=item.location,
                url=item.url,
                presentation=item.presentation,
            )
            for item in OldEvent.objects.filter(workstream=old)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("workstreams", "0001_initial"),
        ("calls", "0002_expression_language"),
    ]

    operations = [migrations.RunPython(copy_spaces, migrations.RunPython.noop)]
