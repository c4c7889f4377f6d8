"""LLM decoding energy read from an NVIDIA GPU's counters, beside the footprint engine's estimate.

Two steps, on two machines:

    python bench/gpu_inference.py measure --out gpu_inference.json     # on a GPU machine
    python bench/gpu_inference.py compare bench/data/gpu_inference.json --write docs/footprint.md

``measure`` needs PyTorch with CUDA, transformers and nvidia-ml-py, and no network: each model is
built from its published architecture (the Llama 3.1 8B and Llama 3.2 1B configurations) with
random weights. The energy of a decoding step depends on the shapes it moves and multiplies, not on
the values of the weights; what random weights change is which tokens come out, and the generation
length is fixed (``min_new_tokens`` = ``max_new_tokens``, no end-of-sequence token), so every run
produces exactly batch × output tokens. The GPU's total-energy counter (NVML, millijoules) is read
before and after each ``generate`` call; the idle draw with the model loaded is sampled too.

``compare`` runs the engine for the same conditions (no GPU needed) and writes a table between the
``gpu-measured`` markers of ``docs/footprint.md``. It imports no Django.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from markdown_blocks import rewrite

ROOT = Path(__file__).resolve().parent.parent

# Published architectures (the models' config.json on the Hugging Face Hub), random weights.
ARCHITECTURES: dict[str, dict[str, Any]] = {
    "Llama 3.2 1B": {
        "hidden_size": 2048,
        "intermediate_size": 8192,
        "num_hidden_layers": 16,
        "num_attention_heads": 32,
        "num_key_value_heads": 8,
        "head_dim": 64,
        "vocab_size": 128256,
        "tie_word_embeddings": True,
    },
    "Llama 3.1 8B": {
        "hidden_size": 4096,
        "intermediate_size": 14336,
        "num_hidden_layers": 32,
        "num_attention_heads": 32,
        "num_key_value_heads": 8,
        "head_dim": 128,
        "vocab_size": 128256,
        "tie_word_embeddings": False,
    },
}
BATCH_SIZES = (1, 8, 64, 128)
INPUT_TOKENS = 512
OUTPUT_TOKENS = 256


def kv_cache_bytes_per_token(arch: dict[str, Any], bytes_per_value: int = 2) -> int:
    """Keys and values of every layer for one token (bf16)."""
    return (
        arch["num_hidden_layers"]
        * arch["num_key_value_heads"]
        * arch["head_dim"]
        * 2
        * bytes_per_value
    )


def measure(out: Path, repeat: int) -> None:
    import pynvml
    import torch
    import transformers
    from transformers import LlamaConfig, LlamaForCausalLM

    pynvml.nvmlInit()
    handle = pynvml.nvmlDeviceGetHandleByIndex(0)

    def energy_j() -> float:
        return int(pynvml.nvmlDeviceGetTotalEnergyConsumption(handle)) / 1000

    def idle_draw(seconds: float = 5.0) -> dict[str, float]:
        torch.cuda.synchronize()
        time.sleep(1.0)
        samples = []
        start_e, start_t = energy_j(), time.perf_counter()
        while time.perf_counter() - start_t < seconds:
            samples.append(pynvml.nvmlDeviceGetPowerUsage(handle) / 1000)
            time.sleep(0.1)
        elapsed = time.perf_counter() - start_t
        return {
            "counter_w": round((energy_j() - start_e) / elapsed, 1),
            "sampled_mean_w": round(sum(samples) / len(samples), 1),
        }

    report: dict[str, Any] = {
        "gpu": str(pynvml.nvmlDeviceGetName(handle)),
        "driver": str(pynvml.nvmlSystemGetDriverVersion()),
        "power_limit_w": pynvml.nvmlDeviceGetEnforcedPowerLimit(handle) / 1000,
        "memory_gib": round(pynvml.nvmlDeviceGetMemoryInfo(handle).total / 2**30, 1),
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "input_tokens": INPUT_TOKENS,
        "output_tokens": OUTPUT_TOKENS,
        "idle_empty": idle_draw(),
        "runs": [],
    }
    print(json.dumps({k: v for k, v in report.items() if k != "runs"}), flush=True)
    torch.manual_seed(0)
    for name, arch in ARCHITECTURES.items():
        config = LlamaConfig(**arch, max_position_embeddings=131072, rope_theta=500000.0)
        with torch.device("cuda"):
            model = LlamaForCausalLM(config).to(torch.bfloat16).eval()
        params = sum(p.numel() for p in model.parameters())
        idle = idle_draw()
        for batch in BATCH_SIZES:
            ids = torch.randint(0, arch["vocab_size"], (batch, INPUT_TOKENS), device="cuda")
            mask = torch.ones_like(ids)
            kwargs = {
                "attention_mask": mask,
                "do_sample": False,
                "eos_token_id": None,
                "pad_token_id": 0,
            }
            with torch.inference_mode():
                model.generate(ids, max_new_tokens=4, min_new_tokens=4, **kwargs)  # warm-up
                for attempt in range(repeat):
                    torch.cuda.synchronize()
                    e0, t0 = energy_j(), time.perf_counter()
                    model(ids, attention_mask=mask, logits_to_keep=1)  # prefill alone
                    torch.cuda.synchronize()
                    e1, t1 = energy_j(), time.perf_counter()
                    generated = model.generate(
                        ids, max_new_tokens=OUTPUT_TOKENS, min_new_tokens=OUTPUT_TOKENS, **kwargs
                    )
                    torch.cuda.synchronize()
                    e2, t2 = energy_j(), time.perf_counter()
                    new_tokens = int(generated.shape[1] - INPUT_TOKENS) * batch
                    run = {
                        "model": name,
                        "params": params,
                        "kv_cache_bytes_per_token": kv_cache_bytes_per_token(arch),
                        "batch_size": batch,
                        "attempt": attempt + 1,
                        "output_tokens_total": new_tokens,
                        "prefill_s": round(t1 - t0, 4),
                        "prefill_j": round(e1 - e0, 2),
                        "generate_s": round(t2 - t1, 3),
                        "generate_j": round(e2 - e1, 1),
                        "j_per_output_token": round((e2 - e1) / new_tokens, 5),
                        "mean_power_w": round((e2 - e1) / (t2 - t1), 1),
                        "idle_loaded_w": idle["counter_w"],
                    }
                    report["runs"].append(run)
                    print(json.dumps(run), flush=True)
        del model
        torch.cuda.empty_cache()
    pynvml.nvmlShutdown()
    out.write_text(json.dumps(report, indent=1) + "\n")


def compare(path: Path) -> str:
    sys.path.insert(0, str(ROOT / "src"))
    from sustainai.footprint import estimate

    report = json.loads(path.read_text())
    accelerator = "H200" if "H200" in report["gpu"] else "H100"
    lines = [
        f"{report['gpu']} (driver {report['driver']}, power limit {report['power_limit_w']:.0f} W),"
        f" PyTorch {report['torch']}, transformers {report['transformers']} `generate` (eager, BF16,"
        f" greedy), {report['input_tokens']} input and {report['output_tokens']} output tokens per"
        f" request, GPU energy from NVML's counter; idle draw with nothing loaded"
        f" {report['idle_empty']['counter_w']:.0f} W. Median of"
        f" {max(r['attempt'] for r in report['runs'])} runs.",
        "",
        "| Model | Batch | Step time (ms) | Mean power (W) | Measured (J/token) | Engine"
        " (J/token) | Engine's range | Measured ÷ engine | In range |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    groups: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for run in report["runs"]:
        groups.setdefault((run["model"], run["batch_size"]), []).append(run)
    for (model, batch), runs in groups.items():
        runs.sort(key=lambda r: r["j_per_output_token"])
        run = runs[len(runs) // 2]
        result = estimate(
            {
                "phase": "inference",
                "accelerator": accelerator,
                "accelerator_count": 1,
                "params": run["params"],
                "precision": "bf16",
                "batch_size": batch,
                "input_tokens": report["input_tokens"],
                "output_tokens": report["output_tokens"],
                "kv_cache_bytes_per_token": run["kv_cache_bytes_per_token"],
                "requests": batch,
                "pue": 1.0,
                "carbon_intensity_g_per_kwh": 0,
            }
        )
        ours = result["energy_j_per_output_token"]
        measured = run["j_per_output_token"]
        inside = ours["low"] <= measured <= ours["high"]
        step_ms = 1000 * run["generate_s"] / report["output_tokens"]
        lines.append(
            f"| {model} | {batch} | {step_ms:.1f} | {run['mean_power_w']:.0f} | {measured:.3g} |"
            f" {ours['value']:.3g} | {ours['low']:.3g}–{ours['high']:.3g} |"
            f" {measured / ours['value']:.2f} | {'yes' if inside else 'no'} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("measure", help="on a machine with an NVIDIA GPU")
    run.add_argument("--out", type=Path, required=True)
    run.add_argument("--repeat", type=int, default=3)
    table = commands.add_parser("compare", help="the engine beside a measurement")
    table.add_argument("results", type=Path)
    table.add_argument("--write", type=Path, help="a Markdown file with gpu-measured markers")
    args = parser.parse_args()
    if args.command == "measure":
        measure(args.out, args.repeat)
    else:
        text = compare(args.results)
        if args.write:
            rewrite(args.write, "gpu-measured", text)
        print(text)


if __name__ == "__main__":
    main()
