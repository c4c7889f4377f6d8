"""``{% panels "slot" obj %}``: what other apps show on this page (``core.registry``)."""

import rules
from django import template

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
