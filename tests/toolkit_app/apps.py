from sustainai.core.registry import CoordinationSection, Link, NavEntry, SustainAIApp

WORKSTREAM_SLUG = "test-toolkit"


class ToolkitAppConfig(SustainAIApp):
    default = True
    name = "tests.toolkit_app"
    label = "toolkit_app"
    verbose_name = "Test toolkit"
    url_prefix = "test-toolkit/"
    navigation = (NavEntry("Test toolkit", "toolkit_app:home", "workstreams.view_spaces", 460),)
    # Into the box the calls and workstreams apps share.
    coordination = (
        CoordinationSection(
            "calls",
            "Calls and workstreams",
            (Link("Test toolkit results", "toolkit_app:home", "workstreams.manage_workstreams"),),
            order=300,
        ),
    )
    home_figures = "tests.toolkit_app.plugs:home_figures"
    report_section = "tests.toolkit_app.plugs:report_section"
    panels = {"atlas.initiative": "tests.toolkit_app.plugs:initiative_panel"}
    workstream_slug = WORKSTREAM_SLUG
    workstream_panel = "tests.toolkit_app.plugs:workstream_panel"
