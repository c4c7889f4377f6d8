"""``{% panels "slot" obj %}``: what other apps show on this page (``core.registry``)."""

import datetime
from typing import Any

import rules
from django import template
from django.utils import formats, timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
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
    """``{% time_left call.closes_at %}``: see ``time_left_words``."""
    return time_left_words(deadline, timezone.now())


def time_left_words(deadline: datetime.datetime, now: datetime.datetime) -> str:
    """ "12 days left", "closes today" or "closed", counted in calendar days of the current time
    zone (the visitor's, from ``VisitorTimezoneMiddleware``): a deadline at 23:30 UTC closes
    "today" for a visitor in London and "tomorrow" (1 day left) for one in Paris."""
    if deadline <= now:
        return gettext("closed")
    days = (timezone.localdate(deadline) - timezone.localdate(now)).days
    if days == 0:
        return gettext("closes today")
    return ngettext("%(count)s day left", "%(count)s days left", days) % {
        "count": formats.localize(days)
    }


@register.simple_tag
def labelled(label: Any, value: Any) -> str:
    """``Country: France`` in English, ``Pays : France`` in French: the colon and its spacing
    belong to the language."""
    return mark_safe(  # noqa: S308 - both parts are escaped
        gettext("%(label)s: %(value)s")
        % {"label": conditional_escape(label), "value": conditional_escape(value)}
    )


@register.filter
def isodate(value: Any) -> Any:
    """A date kept as ISO text (a frozen report's snapshot) back as a date, so that ``|date``
    writes it as the reader's language does; anything else unchanged."""
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value


@register.filter
def localnumber(value: Any) -> Any:
    """A number, or a number written as English text ("1,234.5", as a Django-free package words
    its results), written as the reader's language writes numbers ("1 234,5" in French);
    anything else unchanged."""
    if isinstance(value, str):
        try:
            value = float(value.replace(",", ""))
        except ValueError:
            return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return formats.number_format(value, use_l10n=True, force_grouping=True)
