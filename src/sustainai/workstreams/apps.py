from django.utils.translation import gettext_lazy as _

from sustainai.core.registry import CoordinationSection, Link, NavEntry, SustainAIApp


class WorkstreamsConfig(SustainAIApp):
    default = True
    name = "sustainai.workstreams"
    label = "workstreams"
    verbose_name = _("Workstreams")
    url_prefix = "workstreams/"
    navigation = (
        NavEntry(_("Workstreams"), "workstreams:list", "workstreams.view_spaces", order=450),
    )
    coordination = (
        CoordinationSection(
            "calls",
            _("Calls and workstreams"),
            (Link(_("Workstream spaces"), "workstreams:list", "workstreams.manage_workstreams"),),
            order=300,
        ),
    )
    report_section = "sustainai.workstreams.selectors:report_section"
    # After the calls' demo, whose confirmed proposals open the workstreams.
    demo_loader = "sustainai.workstreams.demo"
    demo_order = 70
    panels = {"accounts.profile": "sustainai.workstreams.panels:my_workstreams"}
