"""The open public funding calls an organisation publishes, on its directory page."""

from django.utils.translation import gettext_lazy as _

from annuaire.sections import Section, organisation_section
from appels.filters import open_calls
from appels.pages import FundingPage

SHOWN = 5


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
