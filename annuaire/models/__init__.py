"""The directory's models, where Django and the other apps find them.

The domain (organisations, services, places, vocabularies, memberships) lives in
annuaire.organisations and the page type in annuaire.pages. Inside the directory, import from those
two modules: importing this package loads the page, and with it every module the page calls.
"""

from annuaire.organisations import (
    AccessLogEntry,
    Audience,
    Circle,
    Label,
    MemberProfile,
    Membership,
    NamedModel,
    Organisation,
    OrganisationDescription,
    Place,
    Service,
    ServiceQuerySet,
    Theme,
)
from annuaire.pages import DirectoryPage

__all__ = [
    "AccessLogEntry",
    "Audience",
    "Circle",
    "DirectoryPage",
    "Label",
    "MemberProfile",
    "Membership",
    "NamedModel",
    "Organisation",
    "OrganisationDescription",
    "Place",
    "Service",
    "ServiceQuerySet",
    "Theme",
]
