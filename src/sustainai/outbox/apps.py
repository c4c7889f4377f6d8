from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

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
            (
                Link(
                    _("Outbox"),
                    "outbox:list",
                    "outbox.manage_outbox",
                    count="sustainai.outbox.selectors:draft_count",
                    count_label=ngettext_lazy(
                        "%(count)d draft to review", "%(count)d drafts to review", "count"
                    ),
                ),
            ),
            order=900,
        ),
    )
    personal_data = ("sustainai.outbox.personal_data",)
