from django.utils.translation import gettext_lazy as _

from sustainai.core.registry import SustainAIApp


class AccountsConfig(SustainAIApp):
    default = True
    name = "sustainai.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    url_prefix = "accounts/"
    demo_loader = "sustainai.accounts.demo"
    demo_order = 20
    personal_data = ("sustainai.accounts.personal_data",)

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from sustainai.core import languages

        user_logged_in.connect(languages.signed_in, dispatch_uid="sustainai_remember_language")
