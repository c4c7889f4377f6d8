from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sustainai.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from sustainai.core import languages

        user_logged_in.connect(languages.signed_in, dispatch_uid="sustainai_remember_language")
