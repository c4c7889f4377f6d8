from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalculatorConfig(AppConfig):
    name = "sustainai.calculator"
    label = "calculator"
    verbose_name = _("Footprint calculator")
