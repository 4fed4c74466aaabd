"""The directory's map of the network: the places where the listed services are offered.

Built from the very services the list shows (the filters apply to both), in two queries whatever
the number of places and services. A place run by an organisation without a public profile, or a
service of one, never reaches it. The same data draws the offline SVG of the island (no JavaScript,
no tile server) and the Leaflet map a reader may open.
"""

from django.db.models import Count, Exists, F, OuterRef, Window
from django.db.models.functions import RowNumber
from django.utils.translation import ngettext

from annuaire.island import ISLAND_PATH, VIEWBOX, project
from annuaire.organisations import Place, Service

SHOWN = 3  # services named under each place; the place page lists them all


def map_places(services, place_url):
    """``[{"name", "url", "lat", "lon", "x", "y", "count", "summary", "services": [{"name", "organisation"}]}]``."""
    places = list(
        Place.objects.on_the_map()
        .filter(Exists(services.filter(places=OuterRef("pk"))))
        .order_by("name", "pk")
        .values("pk", "name", "slug", "latitude", "longitude")
    )
    offered = (
        Service.places.through.objects.filter(
            place__in=[place["pk"] for place in places], service__in=services.values("pk")
        )
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[F("place_id")], order_by=[F("service__name").asc(), F("service_id").asc()]
            ),
            total=Window(Count("pk"), partition_by=[F("place_id")]),
        )
        .filter(rank__lte=SHOWN)
        .order_by("place_id", "rank")
        .values_list("place_id", "service__name", "service__organisation__name", "total")
    )
    named, counts = {}, {}
    for place_id, name, organisation, total in offered if places else ():
        named.setdefault(place_id, []).append({"name": name, "organisation": organisation})
        counts[place_id] = total
    drawn = []
    for place in places:
        x, y = project(place["latitude"], place["longitude"])
        drawn.append(
            {
                "name": place["name"],
                "url": place_url(place["slug"]),
                # Strings: a template would write numbers the French way, with a decimal comma.
                "lat": f"{place['latitude']:.6f}",
                "lon": f"{place['longitude']:.6f}",
                "x": str(x),
                "y": str(y),
                "count": counts.get(place["pk"], 0),
                "summary": ngettext("%(count)s service", "%(count)s services", counts.get(place["pk"], 0))
                % {"count": counts.get(place["pk"], 0)},
                "services": named.get(place["pk"], []),
            }
        )
    return drawn


def island():
    return {"viewbox": " ".join(map(str, VIEWBOX)), "path": ISLAND_PATH}
