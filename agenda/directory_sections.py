"""The upcoming public events an organisation runs, and those at a place, on their directory pages."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agenda.events import public_occurrences
from agenda.pages import AgendaPage
from annuaire.sections import Section, organisation_section, place_section

SHOWN = 5
HORIZON = timedelta(days=365)


def upcoming(locale, **filters):
    """Two queries: the agenda page (for the events' addresses) and the next occurrences."""
    agenda = AgendaPage.objects.live().filter(locale=locale).first()
    if agenda is None:
        return None, []
    now = timezone.now()
    occurrences = list(public_occurrences(locale, now, now + HORIZON).filter(**filters)[:SHOWN])
    base = agenda.url
    for occurrence in occurrences:
        occurrence.public_url = base + agenda.reverse_subpage("event", args=[occurrence.event_id])
    return agenda, occurrences


@organisation_section
def organisation_events(organisation, locale):
    agenda, occurrences = upcoming(locale, event__owner=organisation)
    return Section(_("Coming up"), "agenda/includes/directory_events.html", occurrences) if agenda else None


@place_section
def place_events(place, locale):
    agenda, occurrences = upcoming(locale, event__place=place)
    return Section(_("Coming up here"), "agenda/includes/directory_events.html", occurrences) if agenda else None
