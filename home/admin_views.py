"""The one write of the admin's home page: an editor says they have read the contact messages."""

from django.contrib import messages
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from home.editor_preferences import EditorPreference


@require_POST
def contact_messages_seen(request):
    if not request.user.has_perm("home.view_contactsubmission"):
        return HttpResponseBadRequest()
    up_to = parse_datetime(request.POST.get("up_to", ""))
    if up_to is None:
        return HttpResponseBadRequest()
    EditorPreference.objects.update_or_create(user=request.user, defaults={"contact_messages_seen_at": up_to})
    messages.success(request, _("The contact messages are marked as read."))
    return redirect("wagtailadmin_home")
