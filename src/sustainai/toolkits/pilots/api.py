"""The pilots showcase's public API (mounted at /api/v1/pilots): published pilots, filtered.

Benefit, footprint and net effect are kg CO2e per year of operation, each ``{value, low, high}``,
with net = benefit − footprint and its range computed (``sustainai.net_effect``), never typed in.
They are ``null`` for a pilot that shows its KPIs or footprint to the coalition only.
"""

from __future__ import annotations

from django_countries import countries
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from sustainai.accounts.api_auth import PUBLIC
from sustainai.core.api import Text
from sustainai.toolkits.pilots import selectors
from sustainai.toolkits.pilots.models import TRL_MAX, TRL_MIN, Sector

router = Router(tags=["AI pilots showcase"])


class RangeOut(Schema):
    value: float
    low: float
    high: float


class PilotOut(Schema):
    slug: str
    title: str
    trl: int
    sector: str
    countries: list[str]
    benefit_kgco2e: RangeOut | None
    footprint_kgco2e: RangeOut | None
    net_effect_kgco2e: RangeOut | None


class PilotList(Schema):
    count: int
    items: list[PilotOut]


class ListParams(Schema):
    sector: Sector | None = Field(None, description="A sector code (energy, agriculture...).")
    country: Text = Field("", max_length=2, description="An ISO 3166 alpha-2 code (FR).")
    trl_min: int | None = Field(None, ge=TRL_MIN, le=TRL_MAX, description="Lowest TRL, 1 to 9.")


def _out(pilot) -> dict:
    shown = selectors.net_visible(pilot, coalition=False)
    return {
        "slug": pilot.slug,
        "title": pilot.title,
        "trl": pilot.trl,
        "sector": pilot.sector,
        "countries": [link.country.code for link in pilot.country_links.all()],
        "benefit_kgco2e": selectors.benefit(pilot).as_dict() if shown else None,
        "footprint_kgco2e": selectors.footprint(pilot).as_dict() if shown else None,
        "net_effect_kgco2e": selectors.net(pilot).as_dict() if shown else None,
    }


@router.get("", response=PilotList, auth=PUBLIC, summary="Published pilots with their net effect")
def list_pilots(request, params: Query[ListParams]):
    country = params.country.strip().upper()
    if country and country not in countries:
        raise HttpError(422, f"country: {country!r} is not an ISO 3166 alpha-2 code")
    pilots = selectors.gallery(
        selectors.Filters(sector=params.sector or "", country=country, trl_min=params.trl_min)
    )
    return {"count": len(pilots), "items": [_out(p) for p in pilots]}
