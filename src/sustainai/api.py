"""The public API (django-ninja); its reference at /api/docs (``api_docs``), Swagger UI at
/api/docs/try, the OpenAPI document at /api/openapi.json. Each app contributes one router, declared on
its configuration (``core.registry``)."""

from functools import partial

from ninja import NinjaAPI, Swagger
from ninja.errors import ValidationError

from sustainai.accounts.api_auth import TooManyFailures, api_token
from sustainai.core import registry
from sustainai.core.api import BoundedJSONParser, bounded_validation_error


class Docs(Swagger):
    """Swagger UI from django-ninja's static files, in a page of our own: the page's language, a
    main landmark, colours of enough contrast (``sustainai/api-docs.css``), and no deep links, which
    Swagger UI draws as links inside each operation's button (nested interactive elements)."""

    template = "core/api_docs.html"


api = NinjaAPI(
    docs=Docs(settings={"deepLinking": False}),
    docs_url="/docs/try",
    title="SustainAI API",
    version="1",
    description="Atlas of sustainable-AI initiatives, calls for expressions of interest and the "
    "footprint engine of the coalition for environmentally sustainable AI.",
    urls_namespace="api",
    # A token on every operation unless it declares ``auth=PUBLIC`` (``accounts.api_auth``).
    auth=api_token,
    parser=BoundedJSONParser(),
)
api.add_exception_handler(ValidationError, partial(bounded_validation_error, api=api))
for prefix, router in registry.api_routers():
    api.add_router(prefix, router)


@api.exception_handler(TooManyFailures)
def too_many_failures(request, exc: TooManyFailures):
    response = api.create_response(request, {"detail": str(exc)}, status=429)
    response["Retry-After"] = str(exc.retry_after)  # at the latest
    return response
