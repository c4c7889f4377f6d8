"""``{% panels "slot" obj %}``: what other apps show on this page (``core.registry``)."""

from django import template

from sustainai.core import registry

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, slot, obj):
    return registry.render_panels(slot, context.get("request"), obj)
