"""A translation of an event shares the relations and rights of the original, which alone is edited."""

from agenda.events import Event
from annuaire.translations import share_with_translations

share_with_translations(Event, relations=["themes", "audiences", "circles"])
