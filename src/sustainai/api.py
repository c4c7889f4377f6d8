"""The public API (django-ninja); OpenAPI at /api/docs. Each app contributes one router."""

from ninja import NinjaAPI

from sustainai.atlas.api import router as atlas_router
from sustainai.calculator.api import router as footprint_router
from sustainai.calls.api import router as calls_router

api = NinjaAPI(
    title="SustainAI API",
    version="1",
    description="Atlas of sustainable-AI initiatives, calls for expressions of interest and the "
    "footprint engine of the coalition for environmentally sustainable AI.",
    urls_namespace="api",
)
api.add_router("/v1/initiatives", atlas_router)
api.add_router("/v1/calls", calls_router)
api.add_router("/v1/footprint", footprint_router)
