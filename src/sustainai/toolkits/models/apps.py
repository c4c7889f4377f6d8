from django.utils.translation import gettext_lazy as _

from sustainai.core.registry import (
    TOOLKITS,
    CoordinationSection,
    HomeCard,
    Link,
    NavEntry,
    SustainAIApp,
)

WORKSTREAM_SLUG = "compressed-models-library"


class ModelLibraryConfig(SustainAIApp):
    """Workstream 7: the open library of compressed models, measured (docs/models.md)."""

    default = True
    name = "sustainai.toolkits.models"
    label = "model_library"
    verbose_name = _("Compressed models library")
    url_prefix = "models/"
    api_prefix = "/v1/models"
    api_router = "sustainai.toolkits.models.api:router"
    workstream_slug = WORKSTREAM_SLUG
    workstream_panel = "sustainai.toolkits.models.panels:workstream_panel"
    navigation = (NavEntry(_("Models"), "model_library:catalogue", order=540, group=TOOLKITS),)
    home_cards = (
        HomeCard(
            _("Compressed models library"),
            _(
                "Quantised models beside their base models: size, quality, latency and the "
                "energy of 1,000 inferences, measured on stated hardware."
            ),
            "model_library:catalogue",
            order=540,
        ),
    )
    coordination = (
        CoordinationSection(
            "calls",
            _("Calls and workstreams"),
            (
                Link(
                    _("Model proposals"),
                    "model_library:proposals",
                    "model_library.moderate",
                    count="sustainai.toolkits.models.selectors:pending_count",
                    count_label=_("%(count)d pending"),
                ),
            ),
            order=300,
        ),
    )
    report_section = "sustainai.toolkits.models.panels:report_section"
    demo_loader = "sustainai.toolkits.models.demo"
    demo_order = 80
    personal_data = ("sustainai.toolkits.models.personal_data",)
