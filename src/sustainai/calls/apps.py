from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from sustainai.core.registry import CoordinationSection, HomeCard, Link, NavEntry, SustainAIApp


class CallsConfig(SustainAIApp):
    default = True
    name = "sustainai.calls"
    label = "calls"
    verbose_name = _("Calls for expressions of interest")
    url_prefix = "calls/"
    api_prefix = "/v1/calls"
    api_router = "sustainai.calls.api:router"
    navigation = (NavEntry(_("Calls"), "calls:list", order=400),)
    coordination = (
        CoordinationSection(
            "calls",
            _("Calls and workstreams"),
            (
                Link(
                    _("Interest dashboard"),
                    "calls:dashboard",
                    "calls.manage_calls",
                    count="sustainai.calls.selectors:calls_needing_attention_count",
                    count_label=ngettext_lazy(
                        "%(count)d call closing within 14 days or awaiting its tally",
                        "%(count)d calls closing within 14 days or awaiting their tally",
                        "count",
                    ),
                ),
            ),
            order=300,
        ),
    )
    home_figures = "sustainai.calls.selectors:home_figures"
    report_section = "sustainai.calls.selectors:report_section"
    home_cards = (
        HomeCard(
            _("Calls for expressions of interest"),
            _("Choose the workstreams your organisation wants to join."),
            "calls:list",
            order=400,
        ),
    )
    demo_loader = "sustainai.calls.demo"
    demo_order = 60
    personal_data = ("sustainai.calls.personal_data",)
    mail_topics = "sustainai.calls.selectors.mail_topics"
    # The contacts the call's respondents gave, in the space of the workstream they chose.
    panels = {"workstreams.space": "sustainai.calls.panels:respondent_contacts"}
