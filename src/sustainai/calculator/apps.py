from django.utils.translation import gettext_lazy as _

from sustainai.core.registry import HomeCard, NavEntry, SustainAIApp


class CalculatorConfig(SustainAIApp):
    default = True
    name = "sustainai.calculator"
    label = "calculator"
    verbose_name = _("Footprint calculator")
    url_prefix = "footprint/"
    api_prefix = "/v1/footprint"
    api_router = "sustainai.calculator.api:router"
    navigation = (NavEntry(_("Footprint"), "calculator:calculator", order=500),)
    home_cards = (
        HomeCard(
            _("Footprint calculator"),
            _(
                "Energy, carbon and water of training and inference, with every assumption and "
                "source shown."
            ),
            "calculator:calculator",
            order=500,
        ),
    )
