from django.utils.translation import gettext_lazy as _

from sustainai.core.registry import SustainAIApp


class TransparencyConfig(SustainAIApp):
    """Workstream 4: confidential figures, published only as aggregates that pass disclosure
    control (``sustainai.disclosure``). So far the offline ``sustainai transparency`` command;
    the confidential submissions and published tables come next (docs/transparency.md)."""

    default = True
    name = "sustainai.toolkits.transparency"
    label = "transparency"
    verbose_name = _("Transparency and trade secrets")
    workstream_slug = "transparency-trade-sensitivity"
