from datetime import timedelta

from django.template.response import TemplateResponse
from django.utils import timezone

from annuaire.models import MemberProfile
from extranet import dashboard as sections
from extranet.views.decorators import partner_required

# A visit is a new one after this long without seeing the dashboard.
VISIT_GAP = timedelta(minutes=30)
FIRST_VISIT_WINDOW = timedelta(days=30)


@partner_required
def dashboard(request):
    now = timezone.now()
    profile, _created = MemberProfile.objects.get_or_create(user=request.user)
    if profile.last_visit is None or now - profile.last_visit > VISIT_GAP:
        profile.previous_visit = profile.last_visit
    profile.last_visit = now
    profile.save(update_fields=["previous_visit", "last_visit"])
    since = profile.previous_visit or now - FIRST_VISIT_WINDOW
    return TemplateResponse(
        request, "extranet/dashboard.html", {"sections": sections.build(request, since), "since": since}
    )
