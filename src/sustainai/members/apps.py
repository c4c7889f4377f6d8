from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from sustainai.core.registry import CoordinationSection, Link, NavEntry, SustainAIApp


class MembersConfig(SustainAIApp):
    default = True
    name = "sustainai.members"
    label = "members"
    verbose_name = _("Members")
    url_prefix = "members/"
    navigation = (NavEntry(_("Members"), "members:directory", order=300),)
    coordination = (
        CoordinationSection(
            "members",
            _("Members and consultations"),
            (
                Link(
                    _("Membership applications"),
                    "members:applications",
                    "members.review_applications",
                    count="sustainai.members.selectors:pending_application_count",
                    count_label=ngettext_lazy(
                        "%(count)d application to decide",
                        "%(count)d applications to decide",
                        "count",
                    ),
                ),
            ),
            order=200,
        ),
    )
    home_figures = "sustainai.members.selectors:home_figures"
    report_section = "sustainai.members.selectors:report_section"
    demo_loader = "sustainai.members.demo"
    demo_order = 10
    # The account itself is anonymised last, by this source's ``finish_erasure``.
    personal_data = ("sustainai.members.personal_data",)
    mail_topics = "sustainai.members.mails.mail_topics"
    panels = {"accounts.profile": "sustainai.members.panels:my_organisation"}
