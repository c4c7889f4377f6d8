from django.utils.translation import gettext_lazy as _

from sustainai.core.registry import (
    TOOLKITS,
    CoordinationSection,
    HomeCard,
    Link,
    NavEntry,
    SustainAIApp,
)


class PilotsConfig(SustainAIApp):
    """Workstream 3: the AI pilots showcase, each pilot's benefit set against its own footprint
    (docs/pilots.md)."""

    default = True
    name = "sustainai.toolkits.pilots"
    label = "pilots"
    verbose_name = _("AI pilots showcase")
    url_prefix = "pilots/"
    api_prefix = "/v1/pilots"
    api_router = "sustainai.toolkits.pilots.api:router"
    workstream_slug = "ai-pilots-showcase"
    workstream_panel = "sustainai.toolkits.pilots.panels:workstream_panel"
    navigation = (NavEntry(_("Pilots"), "pilots:gallery", order=480, group=TOOLKITS),)
    home_cards = (
        HomeCard(
            _("AI pilots showcase"),
            _(
                "AI pilots that serve the environment, each with its claimed benefit set against "
                "its own footprint: the net effect, with a range."
            ),
            "pilots:gallery",
            order=480,
            actions=(Link(_("Submit a pilot"), "pilots:submit", "pilots.submit"),),
        ),
    )
    coordination = (
        CoordinationSection(
            "calls",
            _("Calls and workstreams"),
            (
                Link(
                    _("Pilots to moderate"),
                    "pilots:moderation",
                    "pilots.moderate",
                    count="sustainai.toolkits.pilots.selectors:pending_count",
                    count_label=_("%(count)d pending"),
                ),
                Link(_("Pilot collections"), "pilots:collections", "pilots.manage_collections"),
            ),
            order=300,
        ),
    )
    report_section = "sustainai.toolkits.pilots.panels:report_section"
    # After the workstreams' demo (70), which opens the showcase's workstream.
    demo_loader = "sustainai.toolkits.pilots.demo"
    demo_order = 80
    personal_data = ("sustainai.toolkits.pilots.personal_data",)
