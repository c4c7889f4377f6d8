"""The language a person reads the platform in, recorded so that e-mails reach them in it.

Mails are rendered when they are queued, often by someone else's request (a coordinator's
decision, a tally after a deadline): each records the language of the person it is written to
where the platform knows it (``User.language``, an application's, an expression's), and the
mail is rendered in it (``translation.override(mail_language(...))``).
"""

from __future__ import annotations

from typing import TypeGuard

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def known(code: str | None) -> TypeGuard[str]:
    return bool(code) and code in {language for language, _name in settings.LANGUAGES}


def current() -> str:
    """The active language as one of ``settings.LANGUAGES`` ("fr" for "fr-ca"); "" if none."""
    code = (translation.get_language() or "").split("-")[0]
    return code if known(code) else ""


def mail_language(*codes: str | None) -> str:
    """The first recorded language of ``codes``, else the site's default."""
    return next((code for code in codes if known(code)), settings.LANGUAGE_CODE)


def remember(user, code: str | None = None) -> None:
    """Record ``code`` (the active language by default) as the signed-in ``user``'s."""
    code = code or current()
    if user is None or not user.is_authenticated or not known(code) or user.language == code:
        return
    user.language = code
    get_user_model().objects.filter(pk=user.pk).update(language=code)


def signed_in(sender, request, user, **kwargs) -> None:
    """``user_logged_in``: the language a person signs in with is the one their e-mails use."""
    remember(user)


def language_field() -> models.CharField:
    """The model field recording a person's language (blank: not known)."""
    return models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language e-mails are written in (the one last used on the platform)."),
    )
