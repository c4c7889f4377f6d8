from django.utils.translation import gettext_lazy as _

from sustainai.core.registry import CoordinationSection, Link, SustainAIApp


class OutboxConfig(SustainAIApp):
    default = True
    name = "sustainai.outbox"
    label = "outbox"
    verbose_name = _("Outbox")
    url_prefix = "outbox/"
    coordination = (
        CoordinationSection(
            "administration",
            _("Administration"),
            (Link(_("Outbox"), "outbox:list", "outbox.manage_outbox"),),
            order=900,
        ),
    )
    personal_data = ("sustainai.outbox.personal_data",)
