"""The pathways an organisation takes part in, on its directory page: those whose steps point to its services."""

from django.utils.translation import gettext_lazy as _

from annuaire.organisations import Service
from annuaire.sections import Section, organisation_section
from parcours import steps
from parcours.models import PathwayPage


@organisation_section
def organisation_pathways(organisation, locale):
    """Three queries (view restrictions, pathways, which chosen services are its), whatever the number of pathways."""
    pathways = list(PathwayPage.objects.live().public().filter(locale=locale).order_by("path"))
    chosen = {pathway.pk: set(steps.chosen_ids(list(pathway.steps.raw_data), "services")) for pathway in pathways}
    every_id = set().union(*chosen.values())
    # A step may name the French original or its translation: either counts as the organisation's.
    ours = set(Service.objects.filter(pk__in=every_id, organisation=organisation).values_list("pk", flat=True))
    taking_part = [pathway for pathway in pathways if chosen[pathway.pk] & ours]
    for pathway in taking_part:
        pathway.public_url = pathway.url
    return Section(_("Pathways we take part in"), "parcours/includes/directory_pathways.html", taking_part)
