"""The public API (django-ninja); OpenAPI at /api/docs. Each app contributes one router, declared on
its configuration (``core.registry``)."""

from ninja import NinjaAPI

from sustainai.accounts.api_auth import TooManyFailures, api_token
from sustainai.core import registry

api = NinjaAPI(
    title="SustainAI API",
    version="1",
    description="Atlas of sustainable-AI initiatives, calls for expressions of interest and the "
    "footprint engine of the coalition for environmentally sustainable AI.",
    urls_namespace="api",
    # A token on every operation unless it declares ``auth=PUBLIC`` (``accounts.api_auth``).
    auth=api_token,
)
for prefix, router in registry.api_routers():
    api.add_router(prefix, router)


@api.exception_handler(TooManyFailures)
def too_many_failures(request, exc: TooManyFailures):
    response = api.create_response(request, {"detail": str(exc)}, status=429)
    response["Retry-After"] = str(exc.retry_after)  # at the latest
    return response
