from django.utils.translation import gettext_lazy as _

from sustainai.core.registry import TOOLKITS, HomeCard, NavEntry, SustainAIApp

WORKSTREAM_SLUG = "agentic-ai-foresight"


class ForesightConfig(SustainAIApp):
    default = True
    name = "sustainai.toolkits.foresight"
    label = "foresight"
    verbose_name = _("Agentic AI foresight")
    url_prefix = "foresight/"
    api_prefix = "/v1/foresight"
    api_router = "sustainai.toolkits.foresight.api:router"
    navigation = (NavEntry(_("Foresight"), "foresight:scenario", order=520, group=TOOLKITS),)
    home_cards = (
        HomeCard(
            _("Agentic AI foresight"),
            _(
                "What agentic AI could add to data centres' electricity, emissions and water to "
                "2035, with ranges and the levers that matter."
            ),
            "foresight:scenario",
            order=520,
        ),
    )
    demo_loader = "sustainai.toolkits.foresight.demo"
    demo_order = 80
    report_section = "sustainai.toolkits.foresight.panels:report_section"
    personal_data = ("sustainai.toolkits.foresight.personal_data",)
    workstream_slug = WORKSTREAM_SLUG
    workstream_panel = "sustainai.toolkits.foresight.panels:workstream_panel"
