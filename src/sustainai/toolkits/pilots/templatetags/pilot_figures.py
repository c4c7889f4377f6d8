"""Figures of the pilots showcase as read: kg CO2e to four significant figures, with ranges."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from sustainai.footprint.quantity import significant
from sustainai.net_effect import Range

register = template.Library()


@register.filter
def kg(value: float) -> str:
    """A mass in kg CO2e to four significant figures, in the current language's format."""
    rounded = significant(float(value), 4)
    decimals = 0 if abs(rounded) >= 1000 or rounded == int(rounded) else None
    return number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.filter
def kg_range(r: Range) -> str:
    """ "1,280 (880 to 1,780)"."""
    return _("%(value)s (range %(low)s to %(high)s)") % {
        "value": kg(r.value),
        "low": kg(r.low),
        "high": kg(r.high),
    }


@register.filter
def spec(fields: dict) -> str:
    """A footprint-engine spec as read: "accelerator: V100 · accelerator_hours: 8760", its fields
    in alphabetical order (PostgreSQL's jsonb keeps no order of its own)."""
    return " · ".join(f"{name}: {value}" for name, value in sorted((fields or {}).items()))
