"""Imported calendars: organisation admins manage their organisations' ones, coordinators all of them."""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from agenda import importer
from agenda.models import CalendarSource, Event
from agenda.tasks import import_calendar_source
from annuaire import access
from annuaire.models import Membership, Organisation
from caserurale.forms import form_status
from extranet.forms.calendars import CalendarSourceForm
from extranet.views.decorators import partner_required


def calendar_organisations(user):
    """The organisations whose imported calendars ``user`` manages."""
    if access.is_coordinator(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(memberships__user=user, memberships__role=Membership.Role.ADMIN).distinct()


def _organisations_or_404(request):
    organisations = calendar_organisations(request.user)
    if not organisations.exists():
        access.log_refusal(request, CalendarSource, {})
        raise Http404
    return organisations


def _source_or_404(request, pk):
    source = (
        CalendarSource.objects.filter(organisation__in=calendar_organisations(request.user), pk=pk)
        .select_related("organisation")
        .first()
    )
    if source is None:
        access.log_refusal(request, CalendarSource, {"pk": pk})
        raise Http404
    return source


def summary_for_display(summary):
    """The stored summary of the last import, with its reasons in the reader's language."""
    if not summary:
        return None
    return {
        **summary,
        "skipped": [
            (importer.skip_reference(reference), importer.skip_reason(code))
            for reference, code in summary.get("skipped", [])
        ],
        "warnings": [
            (importer.skip_reference(reference), importer.skip_reason(code))
            for reference, code in summary.get("warnings", [])
        ],
    }


@partner_required
def calendar_source_list(request):
    organisations = _organisations_or_404(request)
    sources = (
        CalendarSource.objects.filter(organisation__in=organisations)
        .select_related("organisation")
        .annotate(event_count=Count("events", filter=Q(events__locale__language_code=settings.LANGUAGE_CODE)))
    )
    rows = [
        {
            "source": source,
            "error": importer.error_message(source.last_error),
            "summary": summary_for_display(source.last_summary),
        }
        for source in sources
    ]
    return TemplateResponse(
        request,
        "extranet/calendars/list.html",
        {"rows": rows, "show_organisation": access.is_coordinator(request.user) or organisations.count() > 1},
    )


@partner_required
def calendar_source_create(request):
    organisations = _organisations_or_404(request)
    form = CalendarSourceForm(
        request.POST or None,
        organisations=organisations,
        can_publish_directly=access.is_coordinator(request.user),
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            source = form.save(commit=False)
            source.created_by = request.user
            source.save()
            import_calendar_source.delay_on_commit(source.pk)
        messages.success(
            request,
            _("“%(name)s” is added. Its events are being imported: they appear in a few minutes.")
            % {"name": source.name},
        )
        return redirect("extranet:calendar_source_list")
    return TemplateResponse(request, "extranet/calendars/form.html", {"form": form}, status=form_status(request))


@partner_required
@require_POST
def calendar_source_fetch(request, pk):
    source = _source_or_404(request, pk)
    import_calendar_source.delay_on_commit(source.pk)
    messages.success(
        request,
        _("“%(name)s” will be fetched in a moment: reload this page in a minute to see the result.")
        % {"name": source.name},
    )
    return redirect("extranet:calendar_source_list")


@partner_required
@require_POST
def calendar_source_pause(request, pk):
    source = _source_or_404(request, pk)
    source.active = not source.active
    source.save(update_fields=["active"])
    if source.active:
        messages.success(request, _("“%(name)s” is fetched every hour again.") % {"name": source.name})
    else:
        messages.success(
            request, _("“%(name)s” is paused: its events stay, but are no longer updated.") % {"name": source.name}
        )
    return redirect("extranet:calendar_source_list")


@partner_required
@require_POST
def calendar_source_delete(request, pk):
    source = _source_or_404(request, pk)
    with transaction.atomic():
        events = Event.objects.filter(source=source)
        count = events.filter(locale__language_code=settings.LANGUAGE_CODE).count()
        events.delete()  # translations included: an imported event only lives through its calendar
        source.delete()
    messages.success(
        request,
        ngettext(
            "“%(name)s” and its %(count)s event are deleted.",
            "“%(name)s” and its %(count)s events are deleted.",
            count,
        )
        % {"name": source.name, "count": count},
    )
    return redirect("extranet:calendar_source_list")
