"""The public agenda's page type: the list, the month grid, an event's page, registrations and exports.

The page sits on top of the agenda's domain (agenda.events) and of the modules that serve it
(filters, feeds, event_page, registrations, tasks): none of them imports it, so each route is a
few lines that call them.
"""

from datetime import timedelta

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Locale, Page

from agenda import event_page, feeds, recurrence, registrations, tasks
from agenda.events import Event, public_occurrences
from agenda.filters import AgendaFilterForm
from agenda.forms import RegistrationForm
from agenda.month import MonthGrid
from caserurale import throttle, translations
from caserurale.forms import form_status

TOO_MANY_REGISTRATIONS = _(
    "Several registrations were sent from your address in a short while. What you typed is still "
    "here: send it again in an hour, or ask the organiser."
)


def registration_refusal_message(refusal):
    """The form field and the words that explain why a registration was refused."""
    if refusal.reason == registrations.ALREADY_REGISTERED:
        return "email", _("This address is already registered for this date.")
    if refusal.reason == registrations.FULL and refusal.remaining:
        return "seats", ngettext(
            "Only %(count)s place is left on this date.",
            "Only %(count)s places are left on this date.",
            refusal.remaining,
        ) % {"count": refusal.remaining}
    if refusal.reason == registrations.FULL:
        return "date", _("This date is now full. Please choose another one.")
    return None, _("Registrations for this event are closed.")


class AgendaPage(RoutablePageMixin, Page):
    """The public agenda of the Case Rurale and its network."""

    intro = models.TextField(_("introduction"), blank=True)
    days_shown = 42
    per_page = 60
    # A busy day shows its first events in the month grid, and links to the list for the rest.
    events_per_day = 4

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count_per_parent = 1
    subpage_types = []

    class Meta:
        verbose_name = _("agenda page")

    @path("")
    def upcoming_view(self, request):
        locale = Locale.get_active()
        form = AgendaFilterForm(request.GET or None, locale=locale)
        start, end = form.period(self.days_shown)
        occurrences = form.filter_occurrences(public_occurrences(locale, start, end))
        page = Paginator(occurrences, self.per_page).get_page(request.GET.get("page"))
        days = {}
        for occurrence in page:
            days.setdefault(timezone.localtime(occurrence.start).date(), []).append(occurrence)
        context = self.get_context(request)
        context.update(
            days=sorted(days.items()),
            page_obj=page,
            filter_form=form,
            query=form.query_string(),
            feed_query=form.query_string(du=None, au=None),
            period=(timezone.localtime(start).date(), timezone.localtime(end).date() - timedelta(days=1)),
            month_url=self.month_url(timezone.localtime(start).date(), form),
        )
        return TemplateResponse(request, "agenda/agenda_page.html", context)

    @path("mois/", name="this_month")
    def this_month_view(self, request):
        today = timezone.localdate()
        query = request.GET.urlencode()
        return redirect(self.month_url(today) + (f"?{query}" if query else ""))

    @path("mois/<int:year>/<int:month>/", name="month")
    def month_view(self, request, year, month):
        try:
            grid = MonthGrid(year, month, today=timezone.localdate())
        except ValueError as error:
            raise Http404 from error
        locale = Locale.get_active()
        form = AgendaFilterForm(request.GET or None, locale=locale)
        occurrences = form.filter_occurrences(public_occurrences(locale, grid.start, grid.end))
        grid.fill(occurrences, per_day=self.events_per_day)
        query = form.query_string(du=None, au=None)
        context = self.get_context(request)
        context.update(
            grid=grid,
            filter_form=form,
            query=query,
            previous_url=self.month_url(grid.previous, query=query),
            next_url=self.month_url(grid.next, query=query),
            list_url=self.url + "?" + form.query_string(du=grid.first.isoformat(), au=grid.last.isoformat()),
        )
        return TemplateResponse(request, "agenda/month_page.html", context)

    def month_url(self, day, form=None, *, query=""):
        url = self.url + self.reverse_subpage("month", args=(day.year, day.month))
        query = form.query_string(du=None, au=None) if form is not None else query
        return f"{url}?{query}" if query else url

    @path("evenement/<int:pk>/", name="event")
    def event_view(self, request, pk):
        event = get_object_or_404(
            Event.objects.for_public_site().select_related("place", "owner", "image", "locale"), pk=pk
        )
        pks = translations.rows_by_language(Event.objects.for_public_site(), event)
        if pks[get_language()] != event.pk:
            return redirect(self.url + self.reverse_subpage("event", args=(pks[get_language()],)))
        upcoming = list(event.occurrences.upcoming()[:10])
        places_left = None
        if registrations.accepts_registrations(event):
            next_dates = registrations.open_dates(event, upcoming[:1])
            places_left = next_dates[0][1] if next_dates else 0
        context = self.get_context(request)
        context.update(
            event=event,
            upcoming=upcoming,
            places_left=places_left,
            description=recurrence.describe(event.recurrence_rule, get_language()) if event.recurrence_rule else "",
            subpage_translations=translations.subpage_translations("event", pks),
            **event_page.context(event, upcoming=upcoming, request=request, page=self),
        )
        return TemplateResponse(request, "agenda/event_page.html", context)

    @path("evenement/<int:pk>/inscription/", name="register")
    def registration_view(self, request, pk):
        event = get_object_or_404(Event.objects.for_public_site().select_related("place"), pk=pk)
        if not registrations.accepts_registrations(event):
            raise Http404
        dates = registrations.open_dates(event, event.occurrences.upcoming()[:20])
        form = RegistrationForm(request.POST or None, dates=dates)
        if request.method == "POST" and form.is_valid():
            if form.is_spam():  # a bot sees the same thank-you page, and learns nothing
                return redirect(self.url + self.reverse_subpage("registered", args=(event.pk,)))
            if throttle.over_limit("registration", request=request, email=form.cleaned_data["email"]):
                form.add_error(None, TOO_MANY_REGISTRATIONS)
                return self.registration_form(request, event, form, dates, status=429)
            try:
                registration = registrations.register(
                    event,
                    occurrence_start=form.cleaned_data["date"],
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    seats=form.cleaned_data["seats"],
                    language=get_language(),
                )
            except registrations.RegistrationRefused as refusal:
                form.add_error(*registration_refusal_message(refusal))
            else:
                self.send_confirmation(registration, request)
                return redirect(self.url + self.reverse_subpage("registered", args=(event.pk,)))
        return self.registration_form(request, event, form, dates, status=form_status(request))

    def registration_form(self, request, event, form, dates, *, status):
        context = self.get_context(request)
        context.update(event=event, form=form, dates=dates)
        return TemplateResponse(request, "agenda/registration_page.html", context, status=status)

    def send_confirmation(self, registration, request):
        """Queue the resident's e-mail, with this page's links to the event and to cancel (in their language)."""
        url = self.get_full_url(request)
        token = registrations.cancel_token(registration)
        tasks.send_registration_confirmation.delay_on_commit(
            registration.pk,
            event_url=url + self.reverse_subpage("event", args=(registration.event_id,)),
            cancel_url=url + self.reverse_subpage("cancel_registration", args=(registration.pk, token)),
        )

    @path("evenement/<int:pk>/inscription/merci/", name="registered")
    def registered_view(self, request, pk):
        event = get_object_or_404(Event.objects.for_public_site(), pk=pk)
        context = self.get_context(request)
        context["event"] = event
        return TemplateResponse(request, "agenda/registration_done.html", context)

    @path("inscription/annuler/<int:pk>/<str:token>/", name="cancel_registration")
    def cancel_registration_view(self, request, pk, token):
        registration = registrations.registration_from_link(pk, token)
        context = self.get_context(request)
        context["registration"] = registration
        if registration is not None and request.method == "POST":
            registration.delete()
            context.update(registration=None, cancelled=True)
        return TemplateResponse(request, "agenda/registration_cancel.html", context)

    # Exports (agenda.feeds): published public events only, in this page's language.

    @path("ical/", name="calendar")
    def calendar_view(self, request):
        return feeds.whole_agenda_calendar(request, self)

    @path("ical/lieu/<slug:slug>/", name="place_calendar")
    def place_calendar_view(self, request, slug):
        return feeds.place_calendar(request, self, slug)

    @path("ical/organisateur/<slug:slug>/", name="organiser_calendar")
    def organiser_calendar_view(self, request, slug):
        return feeds.organiser_calendar(request, self, slug)

    @path("evenement/<int:pk>/ical/", name="event_calendar")
    def event_calendar_view(self, request, pk):
        return feeds.event_calendar(request, self, pk)

    @path("rss/", name="rss")
    def rss_view(self, request):
        return feeds.rss_feed(request, self)

    @path("atom/", name="atom")
    def atom_view(self, request):
        return feeds.atom_feed(request, self)
