"""The agenda's models, where Django and the other apps find them.

The domain (events, occurrences, imported calendars, registrations) lives in agenda.events and the
page type in agenda.pages, which builds on the modules that use the domain. Inside the agenda,
import from those two modules: importing this package loads the page, and with it every module the
page calls.
"""

from agenda.events import (
    ACCESSIBILITY_CODES,
    RECURRENCE_MESSAGES,
    CalendarSource,
    Event,
    EventGroupObjectPermission,
    EventQuerySet,
    EventUserObjectPermission,
    Occurrence,
    OccurrenceQuerySet,
    Registration,
    as_datetime,
    public_occurrences,
)
from agenda.moderation_notices import ModerationNotice
from agenda.pages import AgendaPage, registration_refusal_message

__all__ = [
    "ACCESSIBILITY_CODES",
    "RECURRENCE_MESSAGES",
    "AgendaPage",
    "CalendarSource",
    "Event",
    "EventGroupObjectPermission",
    "EventQuerySet",
    "EventUserObjectPermission",
    "ModerationNotice",
    "Occurrence",
    "OccurrenceQuerySet",
    "Registration",
    "as_datetime",
    "public_occurrences",
    "registration_refusal_message",
]
