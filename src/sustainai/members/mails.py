"""What the membership mails of the outbox are, in words (``SustainAIApp.mail_topics``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from sustainai.core.registry import MailTopic
from sustainai.members.models import Organisation


def mail_topics(mails) -> dict[int, MailTopic]:
    """Welcome, rejection and new-contact notices, named by their organisation (one query)."""
    kinds = {
        "members.welcome": _("Membership: welcome"),
        "members.rejection": _("Membership: application declined"),
        "members.contact_added": _("Membership: contact added"),
    }
    slugs = {m.tags.get("organisation") for m in mails if m.tags.get("organisation")}
    names = dict(Organisation.objects.filter(slug__in=slugs).values_list("slug", "name"))
    topics = {}
    for mail in mails:
        kind = kinds.get(mail.category, _("Membership notice"))
        slug = mail.tags.get("organisation")
        if slug in names:
            topics[mail.pk] = MailTopic(
                kind=kind,
                about=_("Organisation “%(name)s”") % {"name": names[slug]},
                url=reverse("members:organisation", args=[slug]),
            )
        else:
            topics[mail.pk] = MailTopic(kind=kind)
    return topics
