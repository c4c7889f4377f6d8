"""People who sign in. Roles: coordinators (staff), users of member organisations, and the public."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from sustainai.core.languages import language_field
from sustainai.core.models import CreationTimestamped


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person with an account; signs in with an e-mail address.

    ``is_staff`` makes a coordinator. ``organisation`` links a member organisation's user to it.
    """

    # No username: people sign in with their e-mail address.
    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    # Recorded when the person signs in, switches language or applies (``core.languages``).
    language = language_field()
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="users",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    # Ours, not AbstractUser's username-based manager (the stubs expect that one).
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_coordinator(self) -> bool:
        return self.is_active and self.is_staff


class ApiScope(models.TextChoices):
    """What a token may do. A token with no scope recorded may do everything (``ApiToken.scopes``)."""

    READ_EXPRESSIONS = "expressions:read", _("Read the organisation's expressions of interest")
    WRITE_EXPRESSIONS = "expressions:write", _("Submit the organisation's expressions of interest")
    WRITE_CONFIDENTIAL = "confidential:write", _("Report the organisation's confidential figures")


class ApiToken(CreationTimestamped):
    """A member's API token. Only its SHA-256 hash is stored; the token is shown once, at creation.

    Tokens are 256-bit random strings, so a plain (unsalted) hash is enough to look them up safely.
    Every token expires (``expires_at``, set at creation); ``scopes`` limits what it may do.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("prefix"), max_length=12, help_text=_("To recognise the token."))
    digest = models.CharField(_("SHA-256 of the token"), max_length=64, unique=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    scopes = models.CharField(
        _("scopes"),
        max_length=200,
        blank=True,
        help_text=_(
            "Separated by spaces. Empty: every scope, as tokens had before scopes existed."
        ),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def scope_list(self) -> list[str]:
        return self.scopes.split()

    def allows(self, scope: str) -> bool:
        return not self.scopes or scope in self.scope_list
