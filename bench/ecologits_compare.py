"""Our serving estimate beside EcoLogits' for the same requests; writes a table of docs/footprint.md.

EcoLogits (``pip install ecologits``, the ``footprint-crosscheck`` extra) estimates the impacts of
one LLM request from the model's parameter count and the number of output tokens: GPU energy per
token from a regression on ML.ENERGY measurements of H100s at a given batch size, plus the
server's other parts at 1.2 kW per 8 GPUs, on as many 80 GB GPUs as the weights need (a power of
two). Both sides here get the same request: the same model size, output tokens, batch size (64,
EcoLogits' default), number of GPUs (EcoLogits' count) and host draw (EcoLogits' 150 W per GPU),
PUE 1, and no prompt (EcoLogits does not model one).

    python bench/ecologits_compare.py                                # print the table
    python bench/ecologits_compare.py --write docs/footprint.md      # regenerate it in the docs
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from markdown_blocks import rewrite  # noqa: E402
from sustainai.footprint import estimate  # noqa: E402

# (model, parameters in billions); dense models, so active = total.
MODELS = [("Llama 3.1 8B", 8.03), ("Llama 3.1 70B", 70.6)]
OUTPUT_TOKENS = [100, 500, 2000]


def ecologits_energy_kwh(params_b: float, output_tokens: int) -> tuple[float, float, int]:
    """EcoLogits' energy per request (kWh, PUE 1), the GPU share of it, and its GPU count."""
    from ecologits.impacts.llm import (
        BATCH_SIZE,
        GPU_MEMORY,
        compute_llm_impacts_dag,
        gpu_required_count,
        model_required_memory,
    )

    result = compute_llm_impacts_dag(
        model_active_parameter_count=params_b,
        model_total_parameter_count=params_b,
        output_token_count=output_tokens,
        request_latency=float("inf"),
        if_electricity_mix_adpe=0.0,
        if_electricity_mix_pe=0.0,
        if_electricity_mix_gwp=0.0,
        if_electricity_mix_wue=0.0,
        datacenter_pue=1.0,
        datacenter_wue=0.0,
    )
    gpus = gpu_required_count(model_required_memory(params_b, 16), GPU_MEMORY)
    assert BATCH_SIZE == 64
    gpu_part = result["request_energy"] - result["server_energy"]
    return float(result["request_energy"]), float(gpu_part), gpus


def ours(params_b: float, output_tokens: int, gpus: int) -> dict[str, Any]:
    return estimate(
        {
            "phase": "inference",
            "accelerator": "H100",
            "accelerator_count": gpus,
            "params": params_b * 1e9,
            "precision": "bf16",
            "batch_size": 64,
            "output_tokens": output_tokens,
            "host_power_w": 150,
            "pue": 1.0,
            "carbon_intensity_g_per_kwh": 0,
        }
    )


def rows() -> list[dict[str, Any]]:
    out = []
    for model, params_b in MODELS:
        for tokens in OUTPUT_TOKENS:
            theirs, theirs_gpu, gpus = ecologits_energy_kwh(params_b, tokens)
            result = ours(params_b, tokens, gpus)
            energy = result["energy_kwh"]
            out.append(
                {
                    "model": model,
                    "output_tokens": tokens,
                    "gpus": gpus,
                    "ecologits_wh": theirs * 1000,
                    "ecologits_gpu_share": theirs_gpu / theirs,
                    "ours_wh": energy["value"] * 1000,
                    "ours_low_wh": energy["low"] * 1000,
                    "ours_high_wh": energy["high"] * 1000,
                    "ratio": energy["value"] / theirs,
                    "inside": energy["low"] <= theirs <= energy["high"],
                }
            )
    return out


def _n(x: float) -> str:
    return f"{x:.3g}"


def table() -> str:
    from importlib.metadata import version

    lines = [
        f"EcoLogits {version('ecologits')}; Wh per request, PUE 1, H100, batch size 64.",
        "",
        "| Model | Output tokens | GPUs | EcoLogits (Wh) | its GPU share | Ours (Wh) | Our range "
        "| Ours ÷ EcoLogits | EcoLogits in our range |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows():
        lines.append(
            f"| {row['model']} | {row['output_tokens']:,} | {row['gpus']} | "
            f"{_n(row['ecologits_wh'])} | {row['ecologits_gpu_share']:.0%} | "
            f"{_n(row['ours_wh'])} | {_n(row['ours_low_wh'])}–{_n(row['ours_high_wh'])} | "
            f"{row['ratio']:.2f} | {'yes' if row['inside'] else 'no'} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="regenerate the table in this Markdown file")
    args = parser.parse_args(argv)
    if args.write:
        rewrite(args.write, "ecologits", table())
    else:
        sys.stdout.write(table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
