"""The data the engine ships and the data it reads from CodeCarbon's installed package.

Our own tables (accelerators, data-centre defaults) are JSON files next to this module, each row with
its source and year. Grid carbon intensities are read from CodeCarbon's packaged data through
importlib.resources and never copied into this repository.
"""

from __future__ import annotations

import csv
import io
import json
import re
from functools import cache
from importlib import resources
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from sustainai.footprint.errors import FootprintInputError

LB_PER_MWH_TO_G_PER_KWH = 453.59237 / 1000
CODECARBON_REPO = "https://github.com/mlco2/codecarbon/blob/v{version}/codecarbon/data/{path}"


def _our_data(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("sustainai.footprint").joinpath("data", name).read_text()
    )
    return data


@cache
def _codecarbon_dir() -> Path:
    # find_spec locates the installed package without importing it (importing CodeCarbon is slow and
    # belongs to the measure path only).
    spec = find_spec("codecarbon")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("CodeCarbon is not installed; sustainai.footprint reads its data")
    return Path(next(iter(spec.submodule_search_locations)))


def _codecarbon_text(path: str) -> str:
    # utf-8-sig: impact.csv starts with a byte-order mark.
    return (_codecarbon_dir() / "data" / path).read_text("utf-8-sig")


def codecarbon_version() -> str:
    return version("codecarbon")


def codecarbon_url(path: str) -> str:
    return CODECARBON_REPO.format(version=codecarbon_version(), path=path)


def _key(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name).lower()


@cache
def accelerators() -> dict[str, dict[str, Any]]:
    """Catalogue rows by name."""
    return {row["name"]: row for row in _our_data("accelerators.json")["accelerators"]}


@cache
def _accelerator_keys() -> dict[str, str]:
    keys = {}
    for name, row in accelerators().items():
        for alias in [name, *row["aliases"]]:
            keys[_key(alias)] = name
    return keys


def accelerator(name: str) -> dict[str, Any] | None:
    found = _accelerator_keys().get(_key(name))
    return accelerators()[found] if found else None


@cache
def datacentre() -> dict[str, Any]:
    return _our_data("datacentre.json")


@cache
def embodied_servers() -> dict[str, Any]:
    """Boavizta's per-part manufacturing emissions of an 8-accelerator server (data/embodied.json,
    written by bench/embodied_boavizta.py)."""
    return _our_data("embodied.json")


def embodied_slot(name: str) -> dict[str, Any] | None:
    """Embodied kgCO2e of one accelerator with its share of the server, or None when Boavizta has
    no figure for it. Value, low and high are Boavizta's; the low end also reaches down to the
    BLOOM study's per-slot figure, the other published estimate, so that the range spans both."""
    data = embodied_servers()
    row = accelerator(name)
    server = data["servers"].get(row["name"]) if row else None
    if server is None:
        return None
    count = data["server_gpus"]
    parts = server["parts_kgco2e"]
    bloom = default("embodied_per_accelerator_slot_kgco2e")["value"]
    value = sum(part["value"] for part in parts.values()) / count
    low = sum(part["low"] for part in parts.values()) / count
    high = sum(part["high"] for part in parts.values()) / count
    return {
        "value": value,
        "low": min(low, bloom),
        "high": high,
        "accelerator": parts["accelerators"]["value"] / count,
        "host": (value * count - parts["accelerators"]["value"]) / count,
        "parts_per_slot": {part: {k: v / count for k, v in q.items()} for part, q in parts.items()},
        "boavizta_gpu": server["boavizta_gpu"],
        "source": data["source"],
        "url": data["url"],
        "year": data["year"],
        "host_source": data["host"],
    }


def default(name: str) -> dict[str, Any]:
    row: dict[str, Any] = datacentre()["defaults"][name]
    return row


@cache
def cpu_tdp_table() -> dict[str, float]:
    rows = csv.DictReader(io.StringIO(_codecarbon_text("hardware/cpu_power.csv")))
    table = {}
    for row in rows:
        try:
            table[_key(row["Name"])] = float(row["TDP"])
        except (TypeError, ValueError):
            continue  # a few rows of the upstream table are malformed ("27.29.5"); skip them
    return table


def cpu_tdp(model: str) -> float | None:
    key = _key(model)
    table = cpu_tdp_table()
    if key in table:
        return table[key]
    # CodeCarbon's names drop the vendor prefix for some models ("1075T"); accept either form.
    for prefix in ("amd", "intel"):
        if key.startswith(prefix) and key[len(prefix) :] in table:
            return table[key[len(prefix) :]]
    return None


@cache
def country_mix() -> dict[str, dict[str, Any]]:
    mix: dict[str, dict[str, Any]] = json.loads(
        _codecarbon_text("private_infra/global_energy_mix.json")
    )
    return mix


@cache
def us_states() -> dict[str, dict[str, Any]]:
    states: dict[str, dict[str, Any]] = json.loads(
        _codecarbon_text("private_infra/2023/usa_emissions.json")
    )
    return states


@cache
def world_average() -> dict[str, Any]:
    world: dict[str, Any] = json.loads(
        _codecarbon_text("private_infra/carbon_intensity_per_source.json")
    )
    return world


@cache
def gcp_regions() -> dict[str, dict[str, str]]:
    rows = csv.DictReader(io.StringIO(_codecarbon_text("cloud/impact.csv")))
    return {row["region"]: row for row in rows if row["provider"] == "gcp"}


def country_intensities() -> list[float]:
    return sorted(
        row["carbon_intensity"] for row in country_mix().values() if row.get("carbon_intensity")
    )


class GridIntensity:
    """A grid carbon intensity (gCO2e/kWh) and where it came from."""

    def __init__(self, value: float, label: str, source: str, url: str, year: int | None):
        self.value, self.label, self.source, self.url, self.year = value, label, source, url, year


def _country(code: str) -> GridIntensity | None:
    import pycountry

    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    if country is None and len(code) == 3:
        country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return None
    row = country_mix().get(country.alpha_3)
    if row is None or not row.get("carbon_intensity"):
        return None
    return GridIntensity(
        row["carbon_intensity"],
        f"{row['country_name']} ({country.alpha_3}) annual average",
        f"CodeCarbon {codecarbon_version()} global_energy_mix.json, {row['country_name']}",
        codecarbon_url("private_infra/global_energy_mix.json"),
        row.get("year"),
    )


def _us_state(code: str) -> GridIntensity | None:
    meta = us_states()["_source"]
    for name, row in us_states().items():
        if not name.startswith("_") and row["regionCode"] == code:
            return GridIntensity(
                round(row["emissions"] * LB_PER_MWH_TO_G_PER_KWH, 3),
                f"US state {code} ({name.replace('_', ' ').title()}) annual average",
                f"{meta['name']} ({meta['field']}), via CodeCarbon {codecarbon_version()} "
                "usa_emissions.json, converted from lb/MWh",
                meta["url"],
                meta["year"],
            )
    return None


def grid_intensity(location: str) -> GridIntensity:
    """Resolve an ISO country (FR, FRA), a US state (US-CA) or a cloud region (gcp:europe-west9,
    aws:eu-west-3, azure:francecentral). Raises FootprintInputError naming ``location``."""
    text = location.strip()
    found: GridIntensity | None
    if ":" in text:
        provider, region = (part.strip() for part in text.split(":", 1))
        provider = provider.lower()
        if provider == "gcp":
            row = gcp_regions().get(region)
            if row is None:
                raise FootprintInputError(
                    {"location": f"unknown Google Cloud region {region!r} in CodeCarbon's data"}
                )
            return GridIntensity(
                float(row["impact"]),
                f"Google Cloud {region} ({row['city'] or row['country_name']})",
                f"CodeCarbon {codecarbon_version()} cloud/impact.csv, from {row['source']}",
                row["source"] or codecarbon_url("cloud/impact.csv"),
                None,
            )
        regions = datacentre()["cloud_regions"]
        if provider not in ("aws", "azure"):
            raise FootprintInputError(
                {"location": f"unknown cloud provider {provider!r}: use gcp, aws or azure"}
            )
        place = regions[provider].get(region)
        if place is None:
            raise FootprintInputError(
                {
                    "location": f"unknown {provider} region {region!r}; known: "
                    + ", ".join(sorted(regions[provider]))
                }
            )
        found = grid_intensity(place)
        found.label = f"{provider}:{region} → {found.label}"
        found.source = f"{found.source}; region location from {regions['_source'][provider]}"
        return found
    upper = text.upper()
    if upper.startswith("US-") and len(upper) == 5:
        found = _us_state(upper[3:])
    elif upper.isalpha() and len(upper) in (2, 3):
        found = _country(upper)
    else:
        found = None
    if found is None:
        raise FootprintInputError(
            {
                "location": f"{location!r} is not a known ISO country code (FR, FRA), US state "
                "(US-CA) or cloud region (gcp:europe-west9, aws:eu-west-3, azure:francecentral)"
            }
        )
    return found


def sources() -> list[dict[str, Any]]:
    """Every data row the engine can use, with its source and year (``sustainai footprint sources``)."""
    rows = []
    for name, row in accelerators().items():
        rows.append(
            {
                "table": "accelerators",
                "name": name,
                "value": {
                    "tdp_w": row["tdp_w"],
                    "peak_tflops": row["peak_tflops"],
                    "memory_gb": row["memory_gb"],
                    "memory_bandwidth_gb_s": row["memory_bandwidth_gb_s"],
                },
                "source": row["source"],
                "url": row["url"],
                "year": row["year"],
            }
        )
    for name, row in default_rows():
        rows.append(
            {
                "table": "defaults",
                "name": name,
                "value": {"value": row["value"], "low": row["low"], "high": row["high"]},
                "what": row["what"],
                "source": row["source"],
                "url": row["url"],
                "year": row["year"],
            }
        )
    world = world_average()
    rows.append(
        {
            "table": "grid",
            "name": "world average (when no location is given)",
            "value": {"g_per_kwh": world["world_average"]},
            "source": f"CodeCarbon {codecarbon_version()} carbon_intensity_per_source.json",
            "url": world["world_average_source"],
            "year": 2019,
        }
    )
    mix = country_mix()
    rows.append(
        {
            "table": "grid",
            "name": f"{sum(1 for r in mix.values() if r.get('carbon_intensity'))} countries",
            "value": {"years": sorted({r["year"] for r in mix.values() if r.get("year")})},
            "source": f"CodeCarbon {codecarbon_version()} global_energy_mix.json (read in place)",
            "url": codecarbon_url("private_infra/global_energy_mix.json"),
            "year": max(r.get("year") or 0 for r in mix.values()),
        }
    )
    meta = us_states()["_source"]
    rows.append(
        {
            "table": "grid",
            "name": f"{sum(1 for k in us_states() if not k.startswith('_'))} US states",
            "value": {"unit": "lb/MWh, converted to g/kWh"},
            "source": f"{meta['name']}, via CodeCarbon {codecarbon_version()} usa_emissions.json",
            "url": meta["url"],
            "year": meta["year"],
        }
    )
    rows.append(
        {
            "table": "grid",
            "name": f"{len(gcp_regions())} Google Cloud regions",
            "value": {"unit": "gCO2e/kWh"},
            "source": f"CodeCarbon {codecarbon_version()} cloud/impact.csv",
            "url": "https://cloud.google.com/sustainability/region-carbon",
            "year": None,
        }
    )
    regions = datacentre()["cloud_regions"]
    for provider in ("aws", "azure"):
        rows.append(
            {
                "table": "grid",
                "name": f"{len(regions[provider])} {provider.upper()} regions (mapped to their "
                "country or US state)",
                "value": {"regions": sorted(regions[provider])},
                "source": regions["_source"][provider],
                "url": regions["_source"][provider].rsplit(" ", 1)[-1],
                "year": 2025,
            }
        )
    return rows


def default_rows() -> list[tuple[str, dict[str, Any]]]:
    return list(datacentre()["defaults"].items())
