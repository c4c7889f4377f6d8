from django import template

from sustainai.footprint.quantity import human

register = template.Library()


@register.filter
def sig(value):
    """A figure to 4 significant digits, with thousands separators."""
    try:
        return human(float(value))
    except (TypeError, ValueError):
        return value
