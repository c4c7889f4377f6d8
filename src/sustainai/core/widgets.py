"""Widgets shared by the forms of several apps."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[,;\n]")


class CountryPicker(forms.CheckboxSelectMultiple):
    """Several countries out of ~250, usable without JavaScript and on a phone.

    A disclosure (``<details>``) holds one checkbox per country, the chosen ones first, and a text
    box where names can be typed instead ("Germany, Kenya", in any language the field reads); with
    JavaScript, the same box filters the list as one types. The chosen countries are named in the
    disclosure's summary, so a closed picker still says what it holds.

    The countries not chosen sit in a ``<noscript>``: without JavaScript they are ordinary
    checkboxes; with it, the browser keeps them as text and ``app.js`` turns them into checkboxes
    when the picker is first opened. A page holding a picker thus carries some 500 fewer elements
    until someone looks for a country (EcoIndex counts elements).
    """

    template_name = "core/widgets/country_picker.html"
    typed_suffix = "__typed"
    use_fieldset = True

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        value = [str(item) for item in context["widget"]["value"] or []]
        options = [
            option for _group, group, _index in context["widget"]["optgroups"] for option in group
        ]
        options.sort(key=lambda option: not option["selected"])
        for index, option in enumerate(options):
            option["index"] = index
        codes = {str(option["value"]) for option in options}
        context["widget"].update(
            options=[option for option in options if option["selected"]],
            other_options=[option for option in options if not option["selected"]],
            chosen=[option["label"] for option in options if option["selected"]],
            # What was typed and is not a country yet goes back into the box, to be corrected.
            typed=", ".join(item for item in value if item not in codes),
            typed_name=name + self.typed_suffix,
            open=(attrs or {}).get("aria-invalid") == "true",
            describedby=(attrs or {}).get("aria-describedby", ""),
            filter_label=_("Find a country, or type names separated by commas"),
        )
        return context

    def id_for_label(self, id_, index=None):
        # The text box is the picker's first control: an error summary's link lands there.
        return (
            f"{id_}{self.typed_suffix}"
            if id_ and index is None
            else super().id_for_label(id_, index)
        )

    def value_from_datadict(self, data, files, name):
        values = list(super().value_from_datadict(data, files, name) or [])
        typed = data.get(name + self.typed_suffix, "")
        values += [item.strip() for item in _SEPARATORS.split(typed) if item.strip()]
        return values

    def value_omitted_from_data(self, data, files, name):
        return False
