from django.utils.translation import gettext_lazy as _

from sustainai.core.registry import CoordinationSection, Link, SustainAIApp


class ConsultationsConfig(SustainAIApp):
    default = True
    name = "sustainai.consultations"
    label = "consultations"
    verbose_name = _("Consultations")
    url_prefix = "consultations/"
    coordination = (
        CoordinationSection(
            "members",
            _("Members and consultations"),
            (Link(_("Consultations"), "consultations:list", "consultations.view_results"),),
            order=200,
        ),
    )
    demo_loader = "sustainai.consultations.demo"
    demo_order = 50
    personal_data = ("sustainai.consultations.personal_data",)
