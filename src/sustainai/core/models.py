"""Abstract models for the fields that the apps' models share; the toolkits build on them too.

Each adds its fields to the model that inherits it and creates no table of its own. A model whose
field means the same but is labelled (or indexed) otherwise overrides it and keeps the mixin.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class DemoFlagged(models.Model):
    """A row the demo data set may have made (``manage.py demo``): ``is_demo`` tells it from real
    data. Set when the row is created, never in a form."""

    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    class Meta:
        abstract = True


class CreationTimestamped(models.Model):
    """When the row was created, set by the database write that creates it."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        abstract = True


class Timestamped(CreationTimestamped):
    """When the row was created and last saved, both set by the save.

    A model whose times a service sets to one moment it read first (an expression of interest
    submitted just before a deadline is compared to that very moment) declares its own fields
    instead: ``auto_now`` would write the time of the save.
    """

    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class RecordedConsent(models.Model):
    """A person's consent, kept as proof: what they agreed to, the text they were shown and its
    version, and when. The service that records the person's data fills it in the same save.

    An expression of interest records the time alone (``calls.Expression.consent_at``): its call is
    the purpose, and the consent text of its form carries no version.
    """

    consent_purpose = models.CharField(
        _("consent given for"), max_length=64, help_text=_("What the person agreed to.")
    )
    consent_text_version = models.CharField(_("version of the consent text"), max_length=32)
    consent_text = models.TextField(_("consent text shown"))
    consent_given_at = models.DateTimeField(_("consent given at"))

    class Meta:
        abstract = True


class FrenchTitled(models.Model):
    """A ``title`` (in English, the coalition's working language) and its French version.

    Only the names that the interface shows as headings and choices are kept in both languages
    (workstreams, calls and their proposals); the longer texts stay as their authors wrote them.
    ``display_title`` is the title in the current language, the English one where no French is
    given; the model's ``str()`` is that.
    """

    title_fr = models.CharField(
        _("title in French"),
        max_length=255,
        blank=True,
        help_text=_("Shown to those reading in French; the English title when empty."),
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        if self.title_fr and (get_language() or "").startswith("fr"):
            return self.title_fr
        return self.title  # type: ignore[attr-defined]
