"""``estimate(spec)``: energy, carbon, embodied emissions and water of AI training or inference.

Two routes reach accelerator-hours. The usage route takes them as given (``accelerator_hours``, or
``accelerator_count`` × ``hours``). The compute route derives them from a FLOP count (training:
``flops``, or ``6 × active parameters × tokens``; inference: a roofline model of prefill and
decoding) divided by the accelerator's peak FLOP/s at the given precision times the model FLOPs
utilisation. Then: IT energy = accelerator-hours × average draw; energy = IT energy × PUE; carbon =
energy × grid intensity; water = IT energy × WUE; embodied = accelerator-hours × embodied emissions
per accelerator-hour (lifetime amortisation).
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from sustainai.footprint import catalogue
from sustainai.footprint.errors import FootprintInputError
from sustainai.footprint.quantity import Q, significant

PHASES = ("training", "inference")
PRECISIONS = ("fp32", "tf32", "fp16", "bf16", "fp8", "int8", "int4")
BYTES_PER_PARAM = {
    "fp32": 4,
    "tf32": 4,
    "fp16": 2,
    "bf16": 2,
    "fp8": 1,
    "int8": 1,
    "int4": 0.5,
}
HOURS_PER_YEAR = 8760

# name: (type, minimum, maximum, exclusive minimum). Types: "number", "int", "str", or a tuple of
# allowed strings.
FIELDS: dict[str, tuple[Any, ...]] = {
    "phase": (PHASES,),
    "accelerator": ("str",),
    "cpu_model": ("str",),
    "accelerator_count": ("int", 1, None),
    "hours": ("number", 0, None, True),
    "accelerator_hours": ("number", 0, None, True),
    "power_w": ("number", 0, 5000, True),
    "utilisation": ("number", 0, 1, True),
    "host_power_w": ("number", 0, 5000),
    "params": ("number", 0, None, True),
    "active_params": ("number", 0, None, True),
    "tokens": ("number", 0, None, True),
    "flops": ("number", 0, None, True),
    "precision": (PRECISIONS,),
    "mfu": ("number", 0, 1, True),
    "input_tokens": ("number", 0, None),
    "output_tokens": ("number", 0, None),
    "requests": ("number", 0, None, True),
    "batch_size": ("int", 1, None),
    "kv_cache_bytes_per_token": ("number", 0, None, True),
    "pue": ("number", 1, 3),
    "wue_l_per_kwh": ("number", 0, 20),
    "location": ("str",),
    "carbon_intensity_g_per_kwh": ("number", 0, 2000),
    "hardware_lifetime_years": ("number", 0, 30, True),
    "hardware_use_fraction": ("number", 0, 1, True),
    "embodied_kgco2e_per_accelerator": ("number", 0, None),
}
TRAINING_ONLY = ("tokens",)
INFERENCE_ONLY = (
    "input_tokens",
    "output_tokens",
    "requests",
    "batch_size",
    "kv_cache_bytes_per_token",
)


# Bounds on what a caller may send: text fields hold names and codes, a number without its own
# maximum stays below NUMBER_CEILING (far above any real training run: GPT-4 is about 2e25 FLOPs),
# and an error names at most MAX_UNKNOWN unknown fields, echoing at most ECHO characters of a value.
MAX_TEXT = 200
NUMBER_CEILING = 1e30
MAX_UNKNOWN = 10
ECHO = 60


def _cut(text: str) -> str:
    return text if len(text) <= ECHO else text[: ECHO - 1] + "…"


def _shown(raw: Any) -> str:
    """``raw`` as an error message shows it: its repr cut to ECHO characters, or its type."""
    return _cut(repr(raw)) if not isinstance(raw, list | dict) else f"a JSON {type(raw).__name__}"


def _text_error(raw: str) -> str | None:
    if len(raw) > MAX_TEXT:
        return f"must be at most {MAX_TEXT} characters"
    control = next((c for c in raw if unicodedata.category(c) == "Cc"), None)
    if control is not None:
        return f"holds the control character U+{ord(control):04X}"
    return None


def _check_field(name: str, raw: Any) -> tuple[Any, str | None]:
    rule = FIELDS[name]
    kind = rule[0]
    if isinstance(raw, str) and (error := _text_error(raw)):
        return None, error
    if isinstance(kind, tuple):
        if not isinstance(raw, str) or raw.strip().lower() not in kind:
            return None, f"must be one of {', '.join(kind)} (got {_shown(raw)})"
        return raw.strip().lower(), None
    if kind == "str":
        if not isinstance(raw, str) or not raw.strip():
            return None, "must be a non-empty text"
        return raw.strip(), None
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        return None, f"must be a number (got {_shown(raw)})"
    try:
        value = float(raw)
    except (ValueError, OverflowError):
        return None, f"must be a number (got {_shown(raw)})"
    if not math.isfinite(value):
        return None, "must be a finite number"
    if kind == "int" and value != int(value):
        return None, f"must be a whole number (got {_shown(raw)})"
    minimum = rule[1] if len(rule) > 1 else None
    maximum = rule[2] if len(rule) > 2 and rule[2] is not None else NUMBER_CEILING
    exclusive = len(rule) > 3 and rule[3]
    if minimum is not None and (value <= minimum if exclusive else value < minimum):
        return None, f"must be {'greater than' if exclusive else 'at least'} {minimum:g}"
    if value > maximum:
        return None, f"must be at most {maximum:g}"
    return (int(value) if kind == "int" else value), None


def validate(spec: Any) -> dict[str, Any]:
    """The cleaned inputs; raises FootprintInputError naming every field at fault."""
    if not isinstance(spec, dict):
        raise FootprintInputError({"input": "must be a JSON object of fields"})
    errors: dict[str, str] = {}
    unknown = sorted(str(name) for name in set(spec) - set(FIELDS))
    for name in unknown[:MAX_UNKNOWN]:
        errors[_cut(name)] = "unknown field; known fields: " + ", ".join(FIELDS)
    if len(unknown) > MAX_UNKNOWN:
        errors["input"] = f"{len(unknown) - MAX_UNKNOWN} more unknown fields"
    cleaned: dict[str, Any] = {}
    for name in FIELDS:
        if name in spec and spec[name] is not None and spec[name] != "":
            value, error = _check_field(name, spec[name])
            if error:
                errors[name] = error
            else:
                cleaned[name] = value
    if errors:
        raise FootprintInputError(errors)
    return cleaned


class _Notes:
    """Collects the assumptions (in words) and sources of one estimate."""

    def __init__(self) -> None:
        self.assumptions: list[str] = []
        self.sources: dict[str, dict[str, Any]] = {}

    def assume(self, text: str) -> None:
        self.assumptions.append(text)

    def cite(
        self, key: str, what: str, source: str, url: str = "", year: int | None = None
    ) -> None:
        self.sources.setdefault(
            key, {"id": key, "what": what, "source": source, "url": url, "year": year}
        )

    def default(self, name: str, scale: float = 1.0) -> Q:
        row = catalogue.default(name)
        self.cite(name, row["what"], row["source"], row["url"], row["year"])
        return Q.of(row, scale)


def _fmt(x: float) -> str:
    return f"{significant(x, 4):,g}"


def _range(q: Q) -> str:
    return f"{_fmt(q.value)} (range {_fmt(q.low)}–{_fmt(q.high)})"


def estimate(spec: Any) -> dict[str, Any]:
    inputs = validate(spec)
    notes = _Notes()
    errors: dict[str, str] = {}

    phase = inputs.get("phase")
    if phase is None:
        phase = "inference" if any(f in inputs for f in INFERENCE_ONLY) else "training"
        notes.assume(f"No phase given: treated as {phase}.")
    wrong = [f for f in (INFERENCE_ONLY if phase == "training" else TRAINING_ONLY) if f in inputs]
    for name in wrong:
        errors[name] = f"does not apply to {phase}"

    accelerator = None
    if "accelerator" in inputs:
        accelerator = catalogue.accelerator(inputs["accelerator"])
        if accelerator is None:
            errors["accelerator"] = (
                f"{inputs['accelerator']!r} is not in the catalogue; known: "
                + ", ".join(catalogue.accelerators())
            )
        else:
            notes.cite(
                f"accelerator:{accelerator['name']}",
                f"{accelerator['name']}: TDP, peak FLOP/s, memory",
                accelerator["source"],
                accelerator["url"],
                accelerator["year"],
            )
    if "cpu_model" in inputs and (accelerator is None or accelerator["kind"] != "cpu"):
        errors["cpu_model"] = "applies only with accelerator CPU-only"
    if errors:
        raise FootprintInputError(errors)

    accelerator_power = _accelerator_power(inputs, phase, accelerator, notes)
    host_power = inputs.get("host_power_w", 0.0)
    power = accelerator_power + host_power
    if "host_power_w" in inputs:
        notes.assume(
            f"Host draw (CPU, memory, network) of {host_power:g} W per accelerator added to the "
            "accelerator's."
        )
    usage = "accelerator_hours" in inputs or "hours" in inputs
    if "accelerator_hours" in inputs and ("hours" in inputs or "accelerator_count" in inputs):
        raise FootprintInputError(
            {"accelerator_hours": "give either accelerator_hours or accelerator_count and hours"}
        )
    serving = phase == "inference" and "accelerator_count" in inputs and not usage
    if "accelerator_count" in inputs and "hours" not in inputs and not serving:
        raise FootprintInputError({"hours": "required with accelerator_count (wall-clock hours)"})

    per_request_hours: Q | None = None
    requests = inputs.get("requests")
    deployment: dict[str, Any] | None = None
    if usage:
        route = "usage"
        if "accelerator_hours" in inputs:
            hours = Q.exact(inputs["accelerator_hours"])
        else:
            count = inputs.get("accelerator_count", 1)
            if "accelerator_count" not in inputs:
                notes.assume("No accelerator_count given: one accelerator.")
            hours = Q.exact(count * inputs["hours"])
        ignored = [f for f in ("params", "active_params", "tokens", "flops", "mfu") if f in inputs]
        if ignored:
            notes.assume(
                "Accelerator-hours were given, so the compute route was not used ("
                + ", ".join(ignored)
                + " ignored)."
            )
    elif phase == "training":
        route = "compute"
        hours = _training_hours(inputs, accelerator, notes)
    else:
        route = "compute"
        if serving:
            per_request_hours, deployment = _serving_hours_per_request(inputs, accelerator, notes)
        else:
            per_request_hours = _inference_hours_per_request(inputs, accelerator, notes)
        if requests is None:
            requests = 1
            notes.assume("No number of requests given: totals are for one request.")
        hours = per_request_hours * requests

    it_energy = hours * power / 1000  # kWh
    if "pue" in inputs:
        pue = Q.exact(inputs["pue"])
    else:
        pue = notes.default("pue")
        notes.assume(f"No PUE given: used the industry average {_range(pue)}.")
    energy = it_energy * pue
    overhead = Q(
        energy.value - it_energy.value,
        max(energy.low - it_energy.low, 0.0),
        max(energy.high - it_energy.high, 0.0),
    )

    intensity = _intensity(inputs, notes)
    carbon = energy * intensity / 1000  # kg

    embodied = hours * _embodied_per_hour(inputs, accelerator, notes)

    if "wue_l_per_kwh" in inputs:
        wue = Q.exact(inputs["wue_l_per_kwh"])
    else:
        wue = notes.default("wue_l_per_kwh")
        notes.assume(f"No WUE given: used {_range(wue)} litres per kWh of IT energy (on-site).")
    water = it_energy * wue
    notes.assume(
        "Water counts on-site cooling water only (WUE × IT energy), not the water used to "
        "generate the electricity."
    )

    result: dict[str, Any] = {
        "phase": phase,
        "route": route,
        "inputs": inputs,
        "energy_kwh": energy.as_dict(),
        "carbon_kgco2e": carbon.as_dict(),
        "embodied_kgco2e": embodied.as_dict(),
        "water_l": water.as_dict(),
        "accelerator_hours": hours.as_dict(),
        "energy_by_part_kwh": {
            "accelerators": (hours * accelerator_power / 1000).as_dict(),
            **({"host": (hours * host_power / 1000).as_dict()} if host_power else {}),
            "facility_overhead": overhead.as_dict(),
        },
        "carbon_intensity_g_per_kwh": intensity.as_dict(),
        "pue": pue.as_dict(),
        "power_w_per_accelerator": power.as_dict(),
    }
    if deployment is not None:
        warnings = deployment.pop("warnings")
        wall_clock = hours / deployment["accelerator_count"]
        result["deployment"] = {**deployment, "wall_clock_hours": wall_clock.as_dict()}
        result["warnings"] = warnings
    if phase == "inference" and requests:
        per = {
            "energy_kwh": energy / requests,
            "carbon_kgco2e": carbon / requests,
            "embodied_kgco2e": embodied / requests,
            "water_l": water / requests,
        }
        result["requests"] = requests
        result["per_request"] = {name: q.as_dict() for name, q in per.items()}
        if inputs.get("output_tokens"):
            result["energy_j_per_output_token"] = (
                per["energy_kwh"] * 3.6e6 / inputs["output_tokens"]
            ).as_dict()
    elif phase == "inference":
        notes.assume("No number of requests given: no per-request figures.")
    result["assumptions"] = notes.assumptions
    result["sources"] = list(notes.sources.values())
    if not _finite(result):
        raise FootprintInputError({"input": "the inputs give figures too large to compute"})
    return result


def _finite(value: Any) -> bool:
    """Every number in ``value`` is finite (JSON has no Infinity or NaN)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return True


def _accelerator_power(
    inputs: dict[str, Any], phase: str, accelerator: dict[str, Any] | None, notes: _Notes
) -> Q:
    if "power_w" in inputs:
        if "utilisation" in inputs:
            raise FootprintInputError(
                {"utilisation": "give either power_w or utilisation (a share of the TDP)"}
            )
        return Q.exact(inputs["power_w"])
    if accelerator is None:
        raise FootprintInputError(
            {"accelerator": "required (or power_w, the average draw per accelerator)"}
        )
    tdp = accelerator["tdp_w"]
    label = accelerator["name"]
    if accelerator["kind"] == "cpu":
        if "cpu_model" not in inputs:
            raise FootprintInputError(
                {"cpu_model": "required with CPU-only (to look up its TDP), or give power_w"}
            )
        tdp = catalogue.cpu_tdp(inputs["cpu_model"])
        if tdp is None:
            raise FootprintInputError(
                {
                    "cpu_model": f"{inputs['cpu_model']!r} is not in CodeCarbon's CPU table; "
                    "give power_w"
                }
            )
        label = inputs["cpu_model"]
        notes.cite(
            "cpu_power",
            f"{label}: TDP {tdp:g} W",
            f"CodeCarbon {catalogue.codecarbon_version()} hardware/cpu_power.csv",
            catalogue.codecarbon_url("hardware/cpu_power.csv"),
        )
    if tdp is None:
        raise FootprintInputError(
            {"power_w": f"{label} has no published power figure in the catalogue: give power_w"}
        )
    if "utilisation" in inputs:
        notes.assume(
            f"Average draw = {label} TDP {tdp:g} W × utilisation {inputs['utilisation']:g}."
        )
        return Q.exact(tdp * inputs["utilisation"])
    power = notes.default(f"{phase}_power_fraction_of_tdp", tdp)
    notes.assume(
        f"No power_w or utilisation given: average draw per accelerator {_range(power)} W "
        f"from the {label} TDP of {tdp:g} W."
    )
    return power


def _precision(
    inputs: dict[str, Any], accelerator: dict[str, Any], notes: _Notes
) -> tuple[str, float]:
    peaks = accelerator["peak_tflops"]
    if not peaks:
        raise FootprintInputError(
            {"accelerator": f"{accelerator['name']} has no peak FLOP/s: give accelerator_hours"}
        )
    precision = inputs.get("precision")
    if precision is None:
        precision = next(p for p in ("bf16", "fp16", "fp32") if p in peaks)
        notes.assume(f"No precision given: {precision}.")
    elif precision not in peaks:
        raise FootprintInputError(
            {
                "precision": f"{accelerator['name']} has no {precision} peak in the catalogue; "
                "known: " + ", ".join(peaks)
            }
        )
    return precision, peaks[precision] * 1e12


def _mfu(inputs: dict[str, Any], notes: _Notes) -> Q:
    if "mfu" in inputs:
        return Q.exact(inputs["mfu"])
    mfu = notes.default("mfu")
    notes.assume(f"No mfu given: model FLOPs utilisation {_range(mfu)}.")
    return mfu


def _active_params(inputs: dict[str, Any]) -> float | None:
    if "active_params" in inputs:
        if "params" in inputs and inputs["active_params"] > inputs["params"]:
            raise FootprintInputError({"active_params": "cannot exceed params"})
        return float(inputs["active_params"])
    return inputs.get("params")


def _training_hours(inputs: dict[str, Any], accelerator: dict[str, Any] | None, notes: _Notes) -> Q:
    if "flops" in inputs:
        flops = Q.exact(inputs["flops"])
    else:
        active = _active_params(inputs)
        missing = [f for f, ok in (("params", active), ("tokens", inputs.get("tokens"))) if not ok]
        if missing:
            raise FootprintInputError(
                {
                    name: "required for the compute route (or give accelerator_hours, "
                    "accelerator_count and hours, or flops)"
                    for name in missing
                }
            )
        assert active is not None  # otherwise "params" is missing
        coefficient = notes.default("training_flops_per_param_token")
        flops = coefficient * active * inputs["tokens"]
        notes.assume(
            f"Training FLOPs = {_fmt(coefficient.value)} × {_fmt(active)} active parameters × "
            f"{_fmt(inputs['tokens'])} tokens = {_range(flops)}."
        )
    if accelerator is None:
        raise FootprintInputError({"accelerator": "required for the compute route"})
    precision, peak = _precision(inputs, accelerator, notes)
    return flops / (_mfu(inputs, notes) * peak * 3600)


def _inference_hours_per_request(
    inputs: dict[str, Any], accelerator: dict[str, Any] | None, notes: _Notes
) -> Q:
    active = _active_params(inputs)
    errors = {}
    if not active:
        errors["params"] = "required for the inference compute route (or give hours)"
    if not inputs.get("input_tokens") and not inputs.get("output_tokens"):
        errors["output_tokens"] = "give input_tokens and/or output_tokens per request"
    if accelerator is None:
        errors["accelerator"] = "required for the compute route"
    if errors:
        raise FootprintInputError(errors)
    assert accelerator is not None and active is not None  # otherwise in errors
    precision, peak = _precision(inputs, accelerator, notes)
    mfu = _mfu(inputs, notes)
    batch: int = inputs.get("batch_size", 1)
    if "batch_size" not in inputs:
        notes.assume("No batch_size given: 1 (one request at a time).")
    total_params: float = inputs.get("params", active)
    coefficient = notes.default("inference_flops_per_param_token")
    bandwidth = notes.default(
        "memory_bandwidth_utilisation", accelerator["memory_bandwidth_gb_s"] * 1e9
    )
    weight_bytes = total_params * BYTES_PER_PARAM[precision]
    # Prefill is compute-bound; one decoding step reads every weight once for the whole batch and
    # computes every token of the batch: whichever takes longer sets its time.
    prefill = Q.maximum(
        coefficient * active * inputs.get("input_tokens", 0) / (peak * mfu),
        weight_bytes / bandwidth / batch,
    )
    step = Q.maximum(coefficient * active * batch / (peak * mfu), weight_bytes / bandwidth)
    output_tokens: float = inputs.get("output_tokens", 0)
    decode = step * output_tokens / batch
    seconds = prefill + decode
    notes.assume(
        f"Inference time per request on one {accelerator['name']} ({precision}): prefill "
        f"{_range(prefill)} s + decoding {_range(decode)} s, from a roofline model (compute at "
        "peak × mfu, weights read once per decoding step at peak memory bandwidth × its "
        "utilisation). A model split over several accelerators keeps about the same "
        "accelerator-seconds."
    )
    memory = accelerator["memory_gb"]
    if memory and weight_bytes > memory * 1e9:
        notes.assume(
            f"The weights ({_fmt(weight_bytes / 1e9)} GB) exceed one {accelerator['name']}'s "
            f"{memory:g} GB: several accelerators are needed."
        )
    return seconds / 3600


def _kv_cache_bytes_per_token(
    inputs: dict[str, Any], params: float, precision: str, notes: _Notes
) -> Q:
    if "kv_cache_bytes_per_token" in inputs:
        return Q.exact(inputs["kv_cache_bytes_per_token"])
    kv = notes.default("kv_cache_bytes_per_param_token", params * BYTES_PER_PARAM[precision] / 2)
    notes.assume(
        f"No kv_cache_bytes_per_token given: {_range(kv)} bytes per token of context, from the "
        "parameters (the range spans grouped-query to full multi-head attention)."
    )
    return kv


def _serving_hours_per_request(
    inputs: dict[str, Any], accelerator: dict[str, Any] | None, notes: _Notes
) -> tuple[Q, dict[str, Any]]:
    """Accelerator-hours per request of a deployment of ``accelerator_count`` accelerators that
    holds one copy of the model (tensor parallelism), and the deployment's memory check."""
    active = _active_params(inputs)
    errors = {}
    if not active:
        errors["params"] = "required for a serving deployment (or give hours)"
    if not inputs.get("input_tokens") and not inputs.get("output_tokens"):
        errors["output_tokens"] = "give input_tokens and/or output_tokens per request"
    if accelerator is None:
        errors["accelerator"] = "required for a serving deployment"
    if errors:
        raise FootprintInputError(errors)
    assert accelerator is not None and active is not None  # otherwise in errors
    if not accelerator["memory_gb"] or not accelerator["memory_bandwidth_gb_s"]:
        raise FootprintInputError(
            {"accelerator": f"{accelerator['name']} has no memory figures: give hours"}
        )
    count: int = inputs["accelerator_count"]
    precision, peak = _precision(inputs, accelerator, notes)
    mfu = _mfu(inputs, notes)
    batch: int = inputs.get("batch_size", 1)
    if "batch_size" not in inputs:
        notes.assume("No batch_size given: 1 (one request at a time).")
    total_params: float = inputs.get("params", active)
    input_tokens: float = inputs.get("input_tokens", 0)
    output_tokens: float = inputs.get("output_tokens", 0)
    coefficient = notes.default("inference_flops_per_param_token")
    bandwidth = notes.default(
        "memory_bandwidth_utilisation", accelerator["memory_bandwidth_gb_s"] * 1e9 * count
    )
    compute = peak * count * mfu
    kv_per_token = _kv_cache_bytes_per_token(inputs, total_params, precision, notes)
    bytes_per_param = BYTES_PER_PARAM[precision]
    # Each token of the batch reads its active parameters; together they read at most all of them.
    weights_read = min(total_params, active * batch) * bytes_per_param
    # Per batch: prefill computes every input token (compute-bound) and reads the weights at least
    # once; each decoding step computes one token per request and reads the weights and the
    # batch's KV cache once, at the mean context length of decoding.
    prefill = Q.maximum(
        coefficient * active * input_tokens * batch / compute, weights_read / bandwidth
    )
    context = input_tokens + output_tokens / 2
    step_compute = coefficient * active * batch / compute
    step_memory = (kv_per_token * context * batch + weights_read) / bandwidth
    step = Q.maximum(step_compute, step_memory)
    decode = step * output_tokens
    wall_seconds = (prefill + decode) / batch
    bound = "compute" if step_compute.value >= step_memory.value else "memory"
    notes.assume(
        f"Serving deployment of {count} × {accelerator['name']} ({precision}, tensor "
        f"parallelism) with batches of {batch}: per batch, prefill {_range(prefill)} s and "
        f"decoding {_range(decode)} s ({_fmt(output_tokens)} steps, {bound}-bound: each step "
        "reads the weights and the batch's KV cache once at peak memory bandwidth × its "
        "utilisation, and computes one token per request at peak × mfu)."
    )
    notes.assume(
        f"All {count} accelerators are counted for the whole serving time, idle share included "
        "(time spent waiting on memory or on one another), as measured leaderboards count every "
        "GPU of the deployment."
    )
    weights_gb = total_params * bytes_per_param / 1e9
    kv_gb = kv_per_token.value * (input_tokens + output_tokens) * batch / 1e9
    available_gb = count * accelerator["memory_gb"]
    warnings = []
    if weights_gb > available_gb:
        fits = False
        needed = math.ceil(weights_gb / accelerator["memory_gb"])
        warnings.append(
            f"Does not fit: the weights take {_fmt(weights_gb)} GB at {precision}, more than the "
            f"{_fmt(available_gb)} GB of {count} × {accelerator['name']}; serving this model needs "
            f"at least {needed} of them, or a lower precision."
        )
    elif weights_gb + kv_gb > available_gb:
        fits = False
        per_request_gb = kv_gb / batch
        most = math.floor((available_gb - weights_gb) / per_request_gb)
        warnings.append(
            f"Does not fit: the weights ({_fmt(weights_gb)} GB) and the KV cache of {batch} "
            f"requests of {_fmt(input_tokens + output_tokens)} tokens ({_fmt(kv_gb)} GB) exceed "
            f"the {_fmt(available_gb)} GB of {count} × {accelerator['name']}; at most {most} "
            "requests fit in a batch."
        )
    else:
        fits = True
        notes.assume(
            f"Memory: weights {_fmt(weights_gb)} GB + KV cache {_fmt(kv_gb)} GB fit in the "
            f"{_fmt(available_gb)} GB of the deployment."
        )
    deployment = {
        "accelerator_count": count,
        "batch_size": batch,
        "precision": precision,
        "decode_bound": bound,
        "fits_in_memory": fits,
        "memory_gb": {
            "weights": significant(weights_gb, 4),
            "kv_cache": significant(kv_gb, 4),
            "available": significant(available_gb, 4),
        },
        "warnings": warnings,
    }
    return wall_seconds * count / 3600, deployment


def _intensity(inputs: dict[str, Any], notes: _Notes) -> Q:
    if "carbon_intensity_g_per_kwh" in inputs:
        if "location" in inputs:
            notes.assume("carbon_intensity_g_per_kwh was given, so location was not used.")
        return Q.exact(inputs["carbon_intensity_g_per_kwh"])
    if "location" in inputs:
        grid = catalogue.grid_intensity(inputs["location"])
        notes.cite(
            f"grid:{inputs['location']}",
            f"Grid carbon intensity, {grid.label}: {grid.value:g} gCO2e/kWh",
            grid.source,
            grid.url,
            grid.year,
        )
        spread = notes.default("grid_location_relative_range")
        intensity = spread * grid.value
        notes.assume(
            f"Grid carbon intensity of {grid.label}"
            + (f" ({grid.year})" if grid.year else "")
            + f": {_range(intensity)} gCO2e/kWh."
        )
        return intensity
    world = catalogue.world_average()
    national = catalogue.country_intensities()
    low = national[int(0.05 * (len(national) - 1))]
    high = national[int(0.95 * (len(national) - 1))]
    notes.cite(
        "grid:world",
        f"World average grid carbon intensity {world['world_average']} gCO2e/kWh; range: 5th to "
        "95th percentile of CodeCarbon's country intensities",
        f"CodeCarbon {catalogue.codecarbon_version()} carbon_intensity_per_source.json (IEA) and "
        "global_energy_mix.json",
        world["world_average_source"],
        2019,
    )
    intensity = Q(world["world_average"], low, high)
    notes.assume(
        f"No location or carbon intensity given: world average {_range(intensity)} gCO2e/kWh "
        "(the range spans the 5th to 95th percentile of national grids)."
    )
    return intensity


def _is_cpu(accelerator: dict[str, Any] | None) -> bool:
    return accelerator is not None and accelerator["kind"] == "cpu"


def _embodied_per_hour(
    inputs: dict[str, Any], accelerator: dict[str, Any] | None, notes: _Notes
) -> Q:
    component = catalogue.embodied_slot(accelerator["name"]) if accelerator else None
    if "embodied_kgco2e_per_accelerator" in inputs:
        slot = Q.exact(inputs["embodied_kgco2e_per_accelerator"])
    elif component is not None:
        slot = Q(component["value"], component["low"], component["high"])
        notes.cite(
            f"embodied:{component['boavizta_gpu']}",
            f"Manufacturing emissions of an 8 × {component['boavizta_gpu']} server, per part",
            component["source"],
            component["url"],
            component["year"],
        )
        host = component["host_source"]
        notes.cite(
            "embodied:host", "Host of an 8-GPU server", host["source"], host["url"], host["year"]
        )
        notes.assume(
            f"Embodied emissions of one {component['boavizta_gpu']} with an eighth of its "
            f"server: {_range(slot)} kgCO2e ({_fmt(component['accelerator'])} for the "
            f"accelerator, {_fmt(component['host'])} for its share of CPUs, memory, storage, "
            "power supplies and chassis), from Boavizta's component model; the low end reaches "
            "the BLOOM study's figure."
        )
    else:
        slot = notes.default("embodied_per_accelerator_slot_kgco2e")
        what = accelerator["name"] if accelerator else "the accelerator"
        notes.assume(
            f"Embodied emissions of {what} with its share of the server: {_range(slot)} kgCO2e "
            "(the BLOOM study's A100 server figure; no per-chip life-cycle assessment is "
            "published for most accelerators"
            + ("; for a CPU socket it is only a rough stand-in" if _is_cpu(accelerator) else "")
            + ")."
        )
    if "hardware_lifetime_years" in inputs:
        lifetime = Q.exact(inputs["hardware_lifetime_years"])
    else:
        lifetime = notes.default("hardware_lifetime_years")
        notes.assume(f"Hardware lifetime {_range(lifetime)} years.")
    if "hardware_use_fraction" in inputs:
        use = Q.exact(inputs["hardware_use_fraction"])
    else:
        use = notes.default("hardware_use_fraction")
        notes.assume(f"Hardware busy {use.value:.0%} of its lifetime.")
    return slot / (lifetime * use * HOURS_PER_YEAR)
