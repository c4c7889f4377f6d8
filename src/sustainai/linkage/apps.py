from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from sustainai.core.registry import CoordinationSection, Link, SustainAIApp


class LinkageConfig(SustainAIApp):
    default = True
    name = "sustainai.linkage"
    label = "linkage"
    verbose_name = _("Duplicates and overlaps")
    url_prefix = "atlas/duplicates/"
    coordination = (
        CoordinationSection(
            "atlas",
            _("Atlas"),
            (
                Link(
                    _("Possible duplicates"),
                    "linkage:queue",
                    "linkage.review",
                    count="sustainai.linkage.selectors:candidate_pair_count",
                    count_label=ngettext_lazy(
                        "%(count)d pair to review", "%(count)d pairs to review", "count"
                    ),
                ),
                Link(_("Overlap report"), "linkage:overlaps", "linkage.view_overlaps"),
            ),
            order=100,
        ),
    )
    demo_loader = "sustainai.linkage.demo"
    demo_order = 40
    panels = {
        # The versions and parts recorded in the duplicates review, on an initiative's page.
        "atlas.initiative": "sustainai.linkage.panels:initiative_relations",
        # Similar entries while a member submits, and while a coordinator reviews.
        "atlas.submission": "sustainai.linkage.panels:submission_hint",
        "atlas.review": "sustainai.linkage.panels:review_hint",
    }

    def ready(self) -> None:
        super().ready()
        from django.core import checks

        from sustainai.linkage.checks import semantic_extra

        checks.register(semantic_extra)
