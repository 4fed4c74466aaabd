"""The open-data API, version 1, at /api/v1/ (OpenAPI description at /api/v1/openapi.json, docs at /api/v1/docs).

Read-only, anonymous, public data only: public funding calls, public events, organisations with a
public profile. Each part lives with its domain (appels.api, agenda.api, annuaire.api);
caserurale.middleware.OpenDataApiMiddleware adds the CORS and cache headers and drops cookies.
"""

from ninja import NinjaAPI

from agenda.api import router as events
from annuaire.api import router as organisations
from appels.api import router as funding_calls

api = NinjaAPI(
    title="La Case Rurale — open data",
    version="1.0.0",
    description=(
        "Public funding calls, events and organisations of La Case Rurale's network (Trois-Bassins, La Réunion). "
        "Read-only, no key needed. Words in French, or in Réunion Creole with `lang=rcf` where translated."
    ),
    urls_namespace="api-v1",
)
api.add_router("/funding-calls/", funding_calls)
api.add_router("/events/", events)
api.add_router("/organisations/", organisations)
