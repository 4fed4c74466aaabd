"""The open public funding calls an organisation publishes, on its directory page."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from annuaire.sections import Section, organisation_section
from appels.calls import Status, public_calls
from appels.filters import by_next_deadline
from appels.pages import FundingPage

SHOWN = 5


def open_calls(locale, today=None):
    """Public calls one can apply to now, soonest deadline first."""
    today = today or timezone.localdate()
    return by_next_deadline(public_calls(locale, today).filter(status__in=[Status.OPEN, Status.CLOSING_SOON]))


@organisation_section
def organisation_calls(organisation, locale):
    funding = FundingPage.objects.live().filter(locale=locale).first()
    if funding is None:
        return None
    calls = list(open_calls(locale).filter(owner=organisation)[:SHOWN])
    base = funding.url
    for call in calls:
        call.public_url = base + funding.reverse_subpage("call", args=[call.pk])
    return Section(_("Open funding calls"), "appels/includes/directory_calls.html", calls)
