"""``{% panels "slot" obj %}``: what other apps show on this page (``core.registry``)."""

import datetime

import rules
from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext

from sustainai.core import registry

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, slot, obj):
    return registry.render_panels(slot, context.get("request"), obj)


@register.filter
def may(user, permission: str) -> bool:
    """``{% if user|may:"atlas.submit_initiative" %}``: the rules alone, as the navigation asks
    them (Django's model backend would read the permission tables for a refusal)."""
    return rules.has_perm(permission, user)


@register.simple_tag
def time_left(deadline: datetime.datetime) -> str:
    """ "12 days left", "closes today" or "closed", counted in calendar days of the visitor's time
    zone (``VisitorTimezoneMiddleware``), so that a deadline at 01:00 UTC closes "today" for a
    visitor in Paris and "tomorrow" for one in New York."""
    now = timezone.now()
    if deadline <= now:
        return gettext("closed")
    days = (timezone.localdate(deadline) - timezone.localdate(now)).days
    if days == 0:
        return gettext("closes today")
    return ngettext("%(count)s day left", "%(count)s days left", days) % {
        "count": formats.localize(days)
    }


@register.simple_tag
def labelled(label: object, value: object) -> str:
    """``Country: France`` in English, ``Pays : France`` in French: the colon and its spacing
    belong to the language."""
    return format_html(gettext("{label}: {value}"), label=label, value=value)
