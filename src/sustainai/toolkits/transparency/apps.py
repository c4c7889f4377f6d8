from django.utils.translation import gettext_lazy as _

from sustainai.core.registry import CoordinationSection, Link, SustainAIApp


class TransparencyConfig(SustainAIApp):
    """Workstream 4: figures reported in confidence (encrypted, every read logged), published only
    as aggregates that pass disclosure control (``sustainai.disclosure``)."""

    default = True
    name = "sustainai.toolkits.transparency"
    label = "transparency"
    verbose_name = _("Transparency and trade secrets")
    url_prefix = "transparency/"
    api_prefix = "/v1/transparency"
    api_router = "sustainai.toolkits.transparency.api:router"
    workstream_slug = "transparency-trade-sensitivity"
    workstream_panel = "sustainai.toolkits.transparency.panels:workstream_panel"
    panels = {"accounts.profile": "sustainai.toolkits.transparency.panels:my_figures"}
    coordination = (
        CoordinationSection(
            "toolkits",
            _("Workstream toolkits"),
            (
                Link(_("Aggregate tables"), "transparency:manage", "transparency.manage_tables"),
                Link(
                    _("Readers of raw figures"),
                    "transparency:readers",
                    "transparency.manage_readers",
                ),
            ),
            order=400,
        ),
    )
    personal_data = ("sustainai.toolkits.transparency.personal_data",)
    report_section = "sustainai.toolkits.transparency.selectors:report_section"

    def ready(self) -> None:
        from django.core import checks
        from django.db.models.signals import post_delete

        from sustainai.members.models import Organisation
        from sustainai.toolkits.transparency import signals
        from sustainai.toolkits.transparency.checks import confidential_keys

        checks.register(confidential_keys, checks.Tags.security, deploy=True)
        post_delete.connect(
            signals.recompute_after_organisation_erased,
            sender=Organisation,
            dispatch_uid="transparency-organisation-erased",
        )
