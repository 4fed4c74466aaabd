"""“Our services”: what a partner organisation offers residents, as the public directory shows it.

Members of an organisation see its services; its admins create, change and delete them, as they
edit its events (DESIGN.md, "Visibility"); coordinators do so for every organisation. A service
the user may not change answers 404 on every URL, as everywhere in the extranet.

Saving is enough for the public side: the page cache and the search index follow every saved or
deleted service (caserurale.page_cache, search.signals, after the transaction commits).
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.models import Locale

from annuaire import access
from annuaire.models import DirectoryPage, Membership, Organisation, Service
from caserurale.forms import form_status
from extranet.forms.services import CREOLE, ServiceForm, ServiceListFilter
from extranet.views.decorators import partner_required

PER_PAGE = 25


def readable_organisations(user):
    """The organisations whose services ``user`` sees here: their own, or all for coordinators."""
    if access.is_coordinator(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(memberships__user=user).distinct()


def editable_organisations(user):
    """The organisations whose services ``user`` changes: those they administer, or all for coordinators."""
    if access.is_coordinator(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(memberships__user=user, memberships__role=Membership.Role.ADMIN).distinct()


def originals():
    """The French services (the originals partners edit), each with its Creole translation, if any."""
    return Service.objects.filter(locale__language_code=settings.LANGUAGE_CODE).select_related("organisation")


def translation_of(service):
    return Service.objects.filter(translation_key=service.translation_key, locale__language_code=CREOLE).first()


def service_or_404(request, pk):
    service = originals().filter(pk=pk, organisation__in=editable_organisations(request.user)).first()
    if service is None:
        access.log_refusal(request, Service, {"pk": pk})
        raise Http404
    return service


def organisations_or_404(request):
    organisations = editable_organisations(request.user).order_by("name")
    if not organisations.exists():
        access.log_refusal(request, Service, {})
        raise Http404
    return organisations


def directory_url():
    """Where residents find an organisation's services, in the language being read."""
    page = DirectoryPage.objects.filter(locale=Locale.get_active()).live().first()
    return page.url if page else None


@partner_required
def service_list(request):
    user = request.user
    readable = readable_organisations(user)
    organisations = list(readable.only("pk", "name", "slug").order_by("name"))
    filter_form = ServiceListFilter(request.GET or None, organisations=organisations)
    chosen = filter_form.chosen()
    services = originals().filter(organisation=chosen) if chosen else originals().filter(organisation__in=readable)
    services = services.prefetch_related("places").order_by("organisation__name", "organisation", "name", "pk")
    page = Paginator(services, PER_PAGE).get_page(request.GET.get("page"))
    creole_names = dict(
        Service.objects.filter(
            locale__language_code=CREOLE, translation_key__in=[service.translation_key for service in page]
        ).values_list("translation_key", "name")
    )
    editable = set(editable_organisations(user).values_list("pk", flat=True))
    for service in page:
        service.creole_name = creole_names.get(service.translation_key)
        service.editable = service.organisation_id in editable
    return TemplateResponse(
        request,
        "extranet/services/list.html",
        {
            "page_obj": page,
            "can_create": bool(editable),
            "directory_url": directory_url(),
            "filter_form": filter_form if len(organisations) > 1 else None,
            "query": urlencode({"organisation": chosen.slug}) if chosen else "",
        },
    )


@partner_required
def service_create(request):
    organisations = organisations_or_404(request)
    form = ServiceForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        service = form.save()
        messages.success(request, _("“%(name)s” is saved: residents find it in the directory.") % {"name": service})
        return redirect("extranet:service_list")
    return TemplateResponse(
        request, "extranet/services/form.html", {"form": form, "object": None}, status=form_status(request)
    )


@partner_required
def service_edit(request, pk):
    service = service_or_404(request, pk)
    organisations = organisations_or_404(request)  # the service's own among them
    form = ServiceForm(
        request.POST or None, instance=service, organisations=organisations, translation=translation_of(service)
    )
    if request.method == "POST" and form.is_valid():
        service = form.save()
        messages.success(request, _("Your changes to “%(name)s” are saved.") % {"name": service})
        return redirect("extranet:service_list")
    return TemplateResponse(
        request, "extranet/services/form.html", {"form": form, "object": service}, status=form_status(request)
    )


@partner_required
def service_delete(request, pk):
    """A GET asks to confirm; only the POST deletes, the French service and its translations at once."""
    service = service_or_404(request, pk)
    if request.method == "POST":
        with transaction.atomic():
            Service.objects.filter(translation_key=service.translation_key).delete()
        messages.success(request, _("“%(name)s” is deleted.") % {"name": service})
        return redirect("extranet:service_list")
    return TemplateResponse(request, "extranet/services/delete.html", {"object": service})
