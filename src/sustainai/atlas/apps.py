from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from sustainai.core.registry import CoordinationSection, HomeCard, Link, NavEntry, SustainAIApp


class AtlasConfig(SustainAIApp):
    default = True
    name = "sustainai.atlas"
    label = "atlas"
    verbose_name = _("Atlas of initiatives")
    url_prefix = "atlas/"
    api_prefix = "/v1/initiatives"
    api_router = "sustainai.atlas.api:router"
    navigation = (
        NavEntry(_("Atlas"), "atlas:directory", order=100),
        NavEntry(_("Map"), "atlas:map", order=110),
    )
    coordination = (
        CoordinationSection(
            "atlas",
            _("Atlas"),
            (
                Link(
                    _("Moderation queue"),
                    "atlas:moderation",
                    "atlas.moderate",
                    count="sustainai.atlas.moderation:awaiting_moderation_count",
                    count_label=ngettext_lazy(
                        "%(count)d awaits moderation", "%(count)d await moderation", "count"
                    ),
                ),
                Link(_("Import initiatives"), "atlas:import", "atlas.import_initiatives"),
            ),
            order=100,
        ),
    )
    home_figures = "sustainai.atlas.selectors:home_figures"
    report_section = "sustainai.atlas.selectors:report_section"
    home_cards = (
        HomeCard(
            _("Atlas of initiatives"),
            _(
                "Standards, tools, observatories, challenges and policies on sustainable AI, "
                "mapped so that nobody duplicates an effort."
            ),
            "atlas:directory",
            order=100,
            actions=(Link(_("Submit an initiative"), "atlas:submit", "atlas.submit_initiative"),),
        ),
    )
    demo_loader = "sustainai.atlas.demo"
    demo_order = 30
    personal_data = ("sustainai.atlas.personal_data",)
    mail_topics = "sustainai.atlas.mails.mail_topics"
    panels = {"accounts.profile": "sustainai.atlas.panels:my_submissions"}

    def ready(self):
        from sustainai.atlas.search import signals  # noqa: F401  (connect the indexes' signals)
