"""The network's calendar in the partners' space: events shared at every level, and a month grid.

Partners publish events for partners, circles or their organisation at once; an event meant for
the public site waits for an editor of the Case Rurale, who approves it in the Wagtail admin.
"""

from django.conf import settings
from django.contrib import messages
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda import moderation, recurrence
from agenda.models import Event, Occurrence, Registration
from agenda.month import MonthGrid
from annuaire import access
from annuaire.access import Visibility
from extranet.forms.events import EventForm
from extranet.views.decorators import partner_required
from extranet.views.shared import SharedViews


def month_url(day):
    return reverse("extranet:event_month", args=(day.year, day.month)) if day else None


def needs_moderation(user, event):
    return event.visibility == Visibility.PUBLIC and not access.is_coordinator(user)


class EventViews(SharedViews):
    def queryset(self):
        # Partners write in French; the Creole translations are the editors' work, in the admin.
        return Event.objects.filter(locale__language_code=settings.LANGUAGE_CODE).select_related("owner", "place")

    def save_changes(self, request, form, event):
        if event.live and needs_moderation(request.user, event):
            # The public version stays on line; the changes wait for an editor in the events' workflow.
            moderation.submit(event, request.user)
            form.save_m2m()
            messages.success(request, _("Your changes are saved as a draft: the Case Rurale team will publish them."))
            return
        super().save_changes(request, form, event)

    def after_share(self, request, event, previous_visibility):
        if needs_moderation(request.user, event) and not (previous_visibility == Visibility.PUBLIC and event.live):
            event.live = False
            event.save(update_fields=["live"])
            moderation.submit(event, request.user)
            messages.success(
                request, _("The Case Rurale team will check this event before it appears on the public agenda.")
            )
            return
        if not event.live:
            event.live = True
            event.save(update_fields=["live"])
        super().after_share(request, event, previous_visibility)

    def detail_context(self, request, event):
        upcoming = list(event.occurrences.upcoming()[:10])
        registrations = None
        if event.registration == Event.Registration.FORM and access.can_edit(request.user, event):
            registrations = (
                Registration.objects.filter(
                    event__translation_key=event.translation_key, occurrence_start__gte=timezone.now()
                ).aggregate(seats=Sum("seats"))["seats"]
                or 0
            )
        return {
            "upcoming": upcoming,
            "repetition": recurrence.describe(event.recurrence_rule, request.LANGUAGE_CODE)
            if event.recurrence_rule
            else "",
            "registrations": registrations,
        }

    def month(self, request, year, month):
        try:
            grid = MonthGrid(year, month, today=timezone.localdate())
        except ValueError as error:
            raise Http404 from error
        events = self.queryset().visible_to(request.user).filter(live=True)
        occurrences = (
            Occurrence.objects.between(grid.start, grid.end)
            .filter(event__in=events)
            .select_related("event", "event__locale", "event__owner")
            .order_by("start", "pk")
        )
        grid.fill(occurrences, per_day=8)
        return TemplateResponse(
            request,
            "extranet/events/month.html",
            {
                "views": self,
                "grid": grid,
                "previous_url": grid.previous
                and reverse("extranet:event_month", args=(grid.previous.year, grid.previous.month)),
                "next_url": grid.next and reverse("extranet:event_month", args=(grid.next.year, grid.next.month)),
            },
        )

    def this_month(self, request):
        today = timezone.localdate()
        return redirect("extranet:event_month", today.year, today.month)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.month_view = partner_required(self.month)
        self.this_month_view = partner_required(self.this_month)


events = EventViews(
    Event,
    EventForm,
    "event",
    search_fields=["title", "summary", "description"],
    export_fields=["title", "summary", "start", "end", "place", "status"],
)
