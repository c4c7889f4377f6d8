"""The calculator's form: every input of the engine, all optional; the engine validates them."""

from __future__ import annotations

import re
from functools import cache

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from sustainai.calculator.presentation import in_words
from sustainai.core import forms as platform_forms
from sustainai.footprint import catalogue
from sustainai.footprint.engine import PHASES, PRECISIONS

AMOUNT = re.compile(r"^([-+]?\d*\.?\d+(?:e[+-]?\d+)?)([kmbt]?)$", re.IGNORECASE)
SCALE = {"": 1.0, "k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}
ENGLISH_GROUPS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d*)?$")


class AmountField(forms.CharField):
    """A number, also written with a scale: "7B", "70M", "1.5T", "2k" or "1.5e9"; digit groups
    (spaces, or English commas) and a French decimal comma are read too. Anything else is refused
    with the field's name, never read as something else."""

    default_error_messages = {
        "amount": _(
            "%(field)s: “%(value)s” is not a number. Write it as 7000000000, 7e9 or 7B "
            "(k: thousand, M: million, B: billion, T: trillion)."
        ),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        compact = re.sub(r"[\s\u202f_]", "", text)
        if "," in compact:
            if (
                get_format("DECIMAL_SEPARATOR") == ","
                and compact.count(",") == 1
                and "." not in compact
            ):
                compact = compact.replace(",", ".")
            elif ENGLISH_GROUPS.match(compact):
                compact = compact.replace(",", "")
        match = AMOUNT.match(compact)
        if match is None:
            raise ValidationError(
                self.error_messages["amount"],
                code="amount",
                params={"field": self.label, "value": text},
            )
        return float(match.group(1)) * SCALE[match.group(2).lower()]


def _amount(label, help_text=""):
    return AmountField(label=label, help_text=help_text)


@cache
def country_choices_known() -> frozenset[str]:
    """ISO alpha-2 codes of the countries whose grid intensity the catalogue has."""
    codes = set()
    for alpha3, row in catalogue.country_mix().items():
        if row.get("carbon_intensity") and (alpha2 := countries.alpha2(alpha3)):
            codes.add(alpha2)
    return frozenset(codes)


def country_code(name: str) -> str | None:
    """The ISO alpha-2 code of a country named in English or French (any case), or None."""
    for language in ("en", "fr"):
        code = countries.by_name(name.strip(), language=language)
        if code:
            return code
    return None


class EstimateForm(platform_forms.Form):
    phase = forms.ChoiceField(
        label=_("Phase"),
        required=False,
        choices=[("", _("(guess from the inputs)"))]
        + [(p, {"training": _("Training"), "inference": _("Inference")}[p]) for p in PHASES],
    )
    accelerator = forms.ChoiceField(label=_("Accelerator"), required=False, choices=[])
    cpu_model = forms.CharField(
        label=_("CPU model (with CPU-only)"), required=False, help_text=_("e.g. AMD EPYC 7763")
    )
    # Usage route
    accelerator_count = _amount(
        _("Number of accelerators"),
        _("with hours: how many ran; for inference without hours: the serving deployment's size"),
    )
    hours = _amount(_("Wall-clock hours"))
    accelerator_hours = _amount(_("Accelerator-hours"), _("instead of number × hours"))
    power_w = _amount(_("Average power per accelerator (W)"), _("default: from the catalogue"))
    utilisation = _amount(_("Utilisation (share of TDP, 0–1)"))
    host_power_w = _amount(
        _("Host power per accelerator (W)"), _("CPU, memory, network; default: not counted")
    )
    # Compute route
    params = _amount(_("Parameters"), _("e.g. 7B, 70M or 7e9"))
    active_params = _amount(_("Active parameters (mixture of experts)"))
    tokens = _amount(_("Training tokens"), _("e.g. 1T or 2e12"))
    flops = _amount(_("Total training FLOPs"), _("instead of parameters × tokens"))
    precision = forms.ChoiceField(
        label=_("Precision"),
        required=False,
        choices=[("", _("(default)"))] + [(p, p) for p in PRECISIONS],
    )
    mfu = _amount(_("Model FLOPs utilisation (0–1)"))
    # Inference
    input_tokens = _amount(_("Input tokens per request"))
    output_tokens = _amount(_("Output tokens per request"))
    requests = _amount(_("Requests"))
    batch_size = _amount(_("Batch size"))
    kv_cache_bytes_per_token = _amount(
        _("KV-cache bytes per token"),
        _("2 × layers × KV heads × head size × bytes; default: from the parameters"),
    )
    # Data centre
    country = forms.ChoiceField(label=_("Country of the data centre"), required=False, choices=[])
    location = forms.CharField(
        label=_("Or a US state or cloud region"),
        required=False,
        help_text=_(
            "e.g. US-CA, aws:eu-west-3, gcp:europe-west9; a country code or name works too"
        ),
    )
    carbon_intensity_g_per_kwh = _amount(_("Grid carbon intensity (gCO2e/kWh)"))
    pue = _amount(_("PUE"))
    wue_l_per_kwh = _amount(_("WUE (litres per kWh)"))
    hardware_lifetime_years = _amount(_("Hardware lifetime (years)"))

    # The fieldsets of the page: what most people know first, the rest folded under "More inputs".
    GROUPS = {
        "model": ["phase", "params", "tokens", "input_tokens", "output_tokens", "requests"],
        "hardware": ["accelerator", "accelerator_count", "hours", "accelerator_hours"],
        "location": ["country"],
    }
    ADVANCED = [
        "power_w",
        "utilisation",
        "host_power_w",
        "cpu_model",
        "active_params",
        "flops",
        "precision",
        "mfu",
        "batch_size",
        "kv_cache_bytes_per_token",
        "location",
        "carbon_intensity_g_per_kwh",
        "pue",
        "wue_l_per_kwh",
        "hardware_lifetime_years",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accelerator"].choices = [("", _("(none: give the power)"))] + [
            (name, name) for name in catalogue.accelerators()
        ]
        known = country_choices_known()
        self.fields["country"].choices = [("", _("(world average)"))] + [
            (code, name) for code, name in countries if code in known
        ]

    def groups(self):
        """(legend, bound fields) for each fieldset shown open."""
        legends = {
            "model": _("Model and work"),
            "hardware": _("Hardware"),
            "location": _("Location"),
        }
        return [
            (legends[name], [self[field] for field in fields])
            for name, fields in self.GROUPS.items()
        ]

    def advanced(self):
        return [self[field] for field in self.ADVANCED]

    def advanced_open(self) -> bool:
        """The folded inputs are shown when one of them is filled in or wrong: none is hidden."""
        return any(self.data.get(name) for name in self.ADVANCED) or any(
            name in self.errors for name in self.ADVANCED
        )

    def clean_location(self):
        text = self.cleaned_data["location"].strip()
        if text and ":" not in text and not (text.isalpha() and len(text) in (2, 3)):
            code = country_code(text)
            if code is not None:
                return code
        return text

    def clean(self):
        cleaned = super().clean()
        country, location = cleaned.get("country"), cleaned.get("location")
        if country and location and location.upper() != country:
            self.add_error("location", _("Give either a country or a region, not both."))
        return cleaned

    def add_engine_errors(self, errors: dict[str, str]) -> None:
        """Attach the engine's errors to their fields, each announced with its input, the engine's
        field names put in words."""
        for name, message in errors.items():
            field = name
            if name == "location" and not self.cleaned_data.get("location"):
                field = "country"
            if field in self.fields:
                self.add_error(field, in_words(message))
                self.fields[field].widget.attrs["aria-describedby"] = f"id_{field}_error"
            else:
                self.add_error(None, f"{in_words(name)}: {in_words(message)}")

    def spec(self) -> dict:
        """The inputs given (blank fields left out), as the engine takes them."""
        spec = {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in ("", None) and name != "country"
        }
        if self.cleaned_data.get("country") and "location" not in spec:
            spec["location"] = self.cleaned_data["country"]
        return spec
