from datetime import timedelta

from django.template.response import TemplateResponse
from django.utils import timezone

from annuaire.models import MemberProfile
from extranet import dashboard as sections
from extranet.views.decorators import partner_required

# A first sign-in shows what is new over the last month.
FIRST_VISIT_WINDOW = timedelta(days=30)


@partner_required
def dashboard(request):
    # The visit was recorded at sign-in (extranet.signals.record_sign_in): this GET writes nothing.
    profile = MemberProfile.objects.filter(user=request.user).only("previous_visit").first()
    since = (profile and profile.previous_visit) or timezone.now() - FIRST_VISIT_WINDOW
    return TemplateResponse(
        request, "extranet/dashboard.html", {"sections": sections.build(request, since), "since": since}
    )
