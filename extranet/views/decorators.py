import functools
import logging

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.template.response import TemplateResponse

from annuaire import access

security_log = logging.getLogger("caserurale.security")


def partner_required(view):
    """Members of a partner organisation and coordinators; others are told why they cannot enter."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access.is_partner(request.user):
            security_log.warning("access refused: user=%s path=%s (no organisation)", request.user.pk, request.path)
            return TemplateResponse(request, "extranet/no_organisation.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def coordinator_required(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access.is_coordinator(request.user):
            security_log.warning("access refused: user=%s path=%s (coordinators only)", request.user.pk, request.path)
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
