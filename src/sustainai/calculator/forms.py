"""The calculator's form: every input of the engine, all optional; the engine validates them."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sustainai.core import forms as platform_forms
from sustainai.footprint import catalogue
from sustainai.footprint.engine import PHASES, PRECISIONS


def _number(label, help_text="", step="any"):
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": step, "min": "0"}),
    )


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
    accelerator_count = _number(
        _("Number of accelerators"),
        _("with hours: how many ran; for inference without hours: the serving deployment's size"),
        step="1",
    )
    hours = _number(_("Wall-clock hours"))
    accelerator_hours = _number(_("Accelerator-hours"), _("instead of number × hours"))
    power_w = _number(_("Average power per accelerator (W)"), _("default: from the catalogue"))
    utilisation = _number(_("Utilisation (share of TDP, 0–1)"))
    host_power_w = _number(
        _("Host power per accelerator (W)"), _("CPU, memory, network; default: not counted")
    )
    # Compute route
    params = _number(_("Parameters"), _("e.g. 7e9"))
    active_params = _number(_("Active parameters (mixture of experts)"))
    tokens = _number(_("Training tokens"))
    flops = _number(_("Total training FLOPs"), _("instead of parameters × tokens"))
    precision = forms.ChoiceField(
        label=_("Precision"),
        required=False,
        choices=[("", _("(default)"))] + [(p, p) for p in PRECISIONS],
    )
    mfu = _number(_("Model FLOPs utilisation (0–1)"))
    # Inference
    input_tokens = _number(_("Input tokens per request"))
    output_tokens = _number(_("Output tokens per request"))
    requests = _number(_("Requests"))
    batch_size = _number(_("Batch size"), step="1")
    kv_cache_bytes_per_token = _number(
        _("KV-cache bytes per token"),
        _("2 × layers × KV heads × head size × bytes; default: from the parameters"),
    )
    # Data centre
    location = forms.CharField(
        label=_("Location"),
        required=False,
        help_text=_("ISO country (FR), US state (US-CA) or cloud region (aws:eu-west-3)"),
    )
    carbon_intensity_g_per_kwh = _number(_("Grid carbon intensity (gCO2e/kWh)"))
    pue = _number(_("PUE"))
    wue_l_per_kwh = _number(_("WUE (litres per kWh)"))
    hardware_lifetime_years = _number(_("Hardware lifetime (years)"))

    ROUTE_GROUPS = {
        "usage": [
            "accelerator_count",
            "hours",
            "accelerator_hours",
            "power_w",
            "utilisation",
            "host_power_w",
        ],
        "compute": ["params", "active_params", "tokens", "flops", "precision", "mfu"],
        "inference": [
            "input_tokens",
            "output_tokens",
            "requests",
            "batch_size",
            "kv_cache_bytes_per_token",
        ],
        "datacentre": [
            "location",
            "carbon_intensity_g_per_kwh",
            "pue",
            "wue_l_per_kwh",
            "hardware_lifetime_years",
        ],
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accelerator"].choices = [("", _("(none: give the power)"))] + [
            (name, name) for name in catalogue.accelerators()
        ]

    def groups(self):
        """(legend, bound fields) for each fieldset of the page."""
        legends = {
            "usage": _("Usage route: when the accelerator time is known"),
            "compute": _("Compute route: when only the model and data are known"),
            "inference": _("Inference"),
            "datacentre": _("Data centre"),
        }
        return [
            (legends[name], [self[field] for field in fields])
            for name, fields in self.ROUTE_GROUPS.items()
        ]

    def add_engine_errors(self, errors: dict[str, str]) -> None:
        """Attach the engine's errors to their fields, each announced with its input."""
        for field, message in errors.items():
            if field in self.fields:
                self.add_error(field, message)
                self.fields[field].widget.attrs["aria-describedby"] = f"id_{field}_error"
            else:
                self.add_error(None, f"{field}: {message}")

    def spec(self) -> dict:
        """The inputs given (blank fields left out), as the engine takes them."""
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}
