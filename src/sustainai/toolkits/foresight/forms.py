"""The scenario form, read from the query string so that a scenario is shared by its URL."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sustainai.core.forms import Form
from sustainai.foresight import DEFAULT_PRESET, PARAMETERS, PRESETS
from sustainai.toolkits.foresight.labels import PARAMETER_HELP, PRESET_TITLES

PAGE_MAX_SAMPLES = 5000


def preset_choices() -> list[tuple[str, str]]:
    return [(slug, str(PRESET_TITLES.get(slug, p.title))) for slug, p in PRESETS.items()]


class ScenarioForm(Form):
    preset = forms.ChoiceField(label=_("Scenario"), choices=preset_choices, initial=DEFAULT_PRESET)
    compare = forms.ChoiceField(
        label=_("Compare with"),
        choices=lambda: [("", "—"), *preset_choices()],
        required=False,
    )
    samples = forms.IntegerField(
        label=_("Monte Carlo samples"), min_value=100, max_value=PAGE_MAX_SAMPLES, required=False
    )
    seed = forms.IntegerField(label=_("Seed"), min_value=0, max_value=2**32 - 1, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for parameter in PARAMETERS:
            self.fields[parameter.name] = forms.CharField(
                label=parameter.name,
                required=False,
                max_length=60,
                help_text=_("%(what)s. One number (fixed) or low, mode, high.")
                % {"what": PARAMETER_HELP.get(parameter.name, parameter.what)},
            )

    def overrides(self) -> dict[str, Any]:
        """The parameters given, as the model reads them; adds form errors for unreadable ones."""
        out: dict[str, Any] = {}
        for parameter in PARAMETERS:
            raw = (self.cleaned_data.get(parameter.name) or "").strip()
            if not raw:
                continue
            try:
                numbers = [float(part) for part in raw.replace(";", ",").split(",")]
            except ValueError:
                self.add_error(parameter.name, _("Give one number or three: low, mode, high."))
                continue
            if len(numbers) == 1:
                out[parameter.name] = numbers[0]
            elif len(numbers) == 3:
                out[parameter.name] = dict(zip(("low", "mode", "high"), numbers, strict=True))
            else:
                self.add_error(parameter.name, _("Give one number or three: low, mode, high."))
        return out


class SaveScenarioForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    query = forms.CharField(widget=forms.HiddenInput, max_length=2000)
