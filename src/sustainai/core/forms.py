"""The base classes of every form of the platform: text fields refuse control characters.

Every form subclasses ``Form`` or ``ModelForm`` from here (``tests/core/test_input_boundary.py``
fails for one that does not). Before cleaning, each text field (``forms.CharField`` and its
subclasses: e-mail, URL, slug…), including those added in ``__init__``, gets a validator that
refuses control characters; a field with a ``Textarea`` keeps tabs and line breaks.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sustainai.core.text import control_character


class NoControlCharacters:
    """A validator: the text holds no control character (tabs and line breaks if ``multiline``)."""

    message = _("Remove the control character %(character)s: it cannot be stored.")
    code = "control_character"

    def __init__(self, *, multiline: bool):
        self.multiline = multiline

    def __call__(self, value: object) -> None:
        character = control_character(str(value), multiline=self.multiline)
        if character:
            raise ValidationError(self.message, code=self.code, params={"character": character})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoControlCharacters) and other.multiline == self.multiline

    def __hash__(self) -> int:
        return hash((type(self), self.multiline))


def guard_text_field(field: forms.Field) -> None:
    """Add the control-character validator to a text field (once)."""
    if not isinstance(field, forms.CharField):
        return
    if any(isinstance(v, NoControlCharacters) for v in field.validators):
        return
    field.validators.append(NoControlCharacters(multiline=isinstance(field.widget, forms.Textarea)))


class ControlCharacterGuard:
    """Mixin for ``forms.BaseForm``: every text field refuses control characters; a form rendered
    whole (``{{ form }}``, ``as_div``) shows the summary of its errors at the top, then each field
    through ``core/_field.html`` (required fields marked, errors beside them)."""

    fields: dict[str, forms.Field]
    template_name_div = "core/form_div.html"
    template_name = "core/form_div.html"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # ``required`` is on the input already; assistive technologies read this one on
            # inputs a browser does not validate (the forms are ``novalidate``) as well.
            if field.required and not isinstance(
                field.widget, (forms.CheckboxSelectMultiple, forms.RadioSelect, forms.HiddenInput)
            ):
                field.widget.attrs.setdefault("aria-required", "true")

    def full_clean(self) -> None:
        for field in self.fields.values():
            guard_text_field(field)
        super().full_clean()  # type: ignore[misc]


class Form(ControlCharacterGuard, forms.Form):
    pass


class ModelForm(ControlCharacterGuard, forms.ModelForm):
    pass
