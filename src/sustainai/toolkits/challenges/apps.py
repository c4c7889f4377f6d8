from django.utils.translation import gettext_lazy as _

from sustainai.core.registry import TOOLKITS, HomeCard, NavEntry, SustainAIApp

WORKSTREAM_SLUG = "data-challenges-hackathons"


class ChallengesConfig(SustainAIApp):
    default = True
    name = "sustainai.toolkits.challenges"
    label = "challenges"
    verbose_name = _("Data challenges and hackathons")
    url_prefix = "challenges/"
    api_prefix = "/v1/challenges"
    api_router = "sustainai.toolkits.challenges.api:router"
    navigation = (NavEntry(_("Challenges"), "challenges:list", order=530, group=TOOLKITS),)
    home_cards = (
        HomeCard(
            _("Frugal AI challenges"),
            _(
                "Challenges where the platform runs every submission in a sandbox and ranks it on "
                "accuracy and on the energy it used."
            ),
            "challenges:list",
            order=530,
        ),
    )
    demo_loader = "sustainai.toolkits.challenges.demo"
    demo_order = 85
    report_section = "sustainai.toolkits.challenges.panels:report_section"
    personal_data = ("sustainai.toolkits.challenges.personal_data",)
    workstream_slug = WORKSTREAM_SLUG
    workstream_panel = "sustainai.toolkits.challenges.panels:workstream_panel"
