"""The owner sets a resource's booking rules and its unavailable days."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from annuaire import access
from caserurale.forms import form_status
from extranet.models import Resource
from extranet.views.decorators import partner_required
from reservations.forms import BlackoutForm, RulesForm
from reservations.rules import BookingRules


def rules_page(request, resource, rules_form, blackout_form, status):
    return TemplateResponse(
        request,
        "reservations/rules_form.html",
        {
            "resource": resource,
            "form": rules_form,
            "blackout_form": blackout_form,
            "blackouts": list(resource.blackouts.all()),
        },
        status=status,
    )


@partner_required
def resource_rules(request, pk):
    resource = access.get_editable_or_404(Resource.objects.select_related("owner"), request, pk=pk)
    form = RulesForm(request.POST or None, instance=BookingRules.of(resource))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The booking rules are saved."))
        return redirect(reverse("extranet:resource_rules", args=[resource.pk]))
    return rules_page(request, resource, form, BlackoutForm(), form_status(request))


@partner_required
@require_POST
def blackout_add(request, pk):
    resource = access.get_editable_or_404(Resource.objects.select_related("owner"), request, pk=pk)
    form = BlackoutForm(request.POST, instance=None)
    form.instance.resource = resource
    if form.is_valid():
        form.save()
        messages.success(request, _("These days are now unavailable."))
        return redirect(reverse("extranet:resource_rules", args=[resource.pk]))
    return rules_page(request, resource, RulesForm(instance=BookingRules.of(resource)), form, 400)


@partner_required
@require_POST
def blackout_delete(request, pk, blackout_id):
    resource = access.get_editable_or_404(Resource.objects.all(), request, pk=pk)
    resource.blackouts.filter(pk=blackout_id).delete()
    messages.success(request, _("These days can be booked again."))
    return redirect(reverse("extranet:resource_rules", args=[resource.pk]))
