"""What the Atlas's mails of the outbox are, in words (``SustainAIApp.mail_topics``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from sustainai.atlas.models import Initiative
from sustainai.core.registry import MailTopic


def mail_topics(mails) -> dict[int, MailTopic]:
    """The moderation notices, named by their initiative (one query)."""
    kinds = {
        "published": _("Moderation: entry published"),
        "changes_requested": _("Moderation: changes requested"),
        "rejected": _("Moderation: entry rejected"),
        "proposal_accepted": _("Moderation: proposed edit accepted"),
        "proposal_rejected": _("Moderation: proposed edit rejected"),
    }
    ids = {m.tags.get("initiative") for m in mails if isinstance(m.tags.get("initiative"), int)}
    initiatives = Initiative.objects.only("name", "slug", "state").in_bulk(ids)
    topics = {}
    for mail in mails:
        kind = kinds.get(mail.tags.get("decision"), _("Moderation notice"))
        initiative = initiatives.get(mail.tags.get("initiative"))
        if initiative is None:
            topics[mail.pk] = MailTopic(kind=kind)
            continue
        url = (
            reverse("atlas:detail", args=[initiative.slug])
            if initiative.state == "published"
            else reverse("atlas:review", args=[initiative.pk])
        )
        topics[mail.pk] = MailTopic(
            kind=kind, about=_("Initiative “%(name)s”") % {"name": initiative.name}, url=url
        )
    return topics
