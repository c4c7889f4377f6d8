from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from sustainai.core.registry import CoordinationSection, HomeCard, Link, SustainAIApp


class ReportsConfig(SustainAIApp):
    default = True
    name = "sustainai.reports"
    label = "reports"
    verbose_name = _("Event reports")
    url_prefix = "reports/"
    # After every app whose figures it gathers.
    demo_loader = "sustainai.reports.demo"
    demo_order = 95
    coordination = (
        CoordinationSection(
            "reports",
            _("Event reports"),
            (
                Link(
                    _("Event reports"),
                    "reports:list",
                    "reports.manage_reports",
                    count="sustainai.reports.selectors:in_review_count",
                    count_label=ngettext_lazy(
                        "%(count)d in review", "%(count)d in review", "count"
                    ),
                ),
            ),
            order=900,
        ),
    )
    home_cards = (
        HomeCard(
            _("Event reports"),
            _(
                "The coalition's results as presented at international events, with every figure's "
                "source and date, as a web page, a PDF and open data."
            ),
            "reports:list",
            order=900,
        ),
    )
    personal_data = ("sustainai.reports.personal_data",)
