"""Events of the Case Rurale and its network, and their stored occurrences.

A repeating event keeps its RFC 5545 rule; its occurrences are expanded into rows over a bounded
horizon, so that "what happens this week" is one indexed range query whatever the rules say.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    Page,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from agenda import recurrence
from annuaire.access import SharedObject, SharedQuerySet, Visibility
from caserurale.forms import form_status
from caserurale.sanitize import clean_rich_text

# The recurrence module knows no Django: its messages are translated here, for the forms.
RECURRENCE_MESSAGES = {
    recurrence.INVALID: _("This repetition rule is not valid."),
    recurrence.TOO_FREQUENT: _("An event cannot repeat more often than once a day."),
    recurrence.COUNT_AND_UNTIL: _("Give either an end date or a number of times, not both."),
    recurrence.NEVER: _("This repetition rule never gives a date."),
    recurrence.END_BEFORE_START: _("The end of an event cannot be before its start."),
}


# Filter codes of the five families of disability, in the order the forms show them.
ACCESSIBILITY_CODES = ("motor", "visual", "hearing", "intellectual", "psychic")


class EventQuerySet(SharedQuerySet):
    def published(self):
        return self.filter(live=True)

    def for_public_site(self):
        """What residents may see: published and public, nothing else."""
        return self.published().filter(visibility=Visibility.PUBLIC)


class Event(
    TranslatableMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    SharedObject,
):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        CANCELLED = "cancelled", _("cancelled")
        POSTPONED = "postponed", _("postponed")
        FULL = "full", _("full")

    class Registration(models.TextChoices):
        NONE = "none", _("no registration")
        LINK = "link", _("on another website")
        FORM = "form", _("with our form, within a capacity")

    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    place = models.ForeignKey(
        "annuaire.Place",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("place"),
    )
    online_url = models.URLField(_("online link"), blank=True)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    all_day = models.BooleanField(_("all day"), default=False)
    recurrence_rule = models.CharField(
        _("repetition"),
        max_length=500,
        blank=True,
        help_text=_("An iCalendar rule, e.g. FREQ=WEEKLY;BYDAY=WE for every Wednesday."),
    )
    excluded_dates = models.JSONField(_("dates without the event"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    is_free = models.BooleanField(_("free"), default=True)
    price = models.CharField(_("price"), max_length=200, blank=True)
    registration = models.CharField(
        _("registration"), max_length=10, choices=Registration.choices, default=Registration.NONE
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    capacity = models.PositiveIntegerField(_("places available"), null=True, blank=True)
    # Accessibility, by the five families of disability used in France.
    accessible_hearing = models.BooleanField(_("accessible to people with hearing impairments"), default=False)
    accessible_visual = models.BooleanField(_("accessible to people with visual impairments"), default=False)
    accessible_psychic = models.BooleanField(_("accessible to people with psychic disabilities"), default=False)
    accessible_motor = models.BooleanField(_("accessible to people with reduced mobility"), default=False)
    accessible_intellectual = models.BooleanField(
        _("accessible to people with intellectual disabilities"), default=False
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    themes = models.ManyToManyField("annuaire.Theme", blank=True, related_name="events", verbose_name=_("themes"))
    audiences = models.ManyToManyField(
        "annuaire.Audience", blank=True, related_name="events", verbose_name=_("for whom")
    )
    # iCalendar identity: the UID stays the same for ever; SEQUENCE grows when the schedule changes,
    # so that calendar applications replace their copy instead of adding a second one.
    uid = models.CharField(_("calendar identifier"), max_length=255, blank=True, db_index=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    source = models.ForeignKey(
        "agenda.CalendarSource",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        editable=False,
        verbose_name=_("imported from"),
    )
    # An imported calendar may change one date of a repeating event (RECURRENCE-ID): that date is its own event.
    recurrence_id = models.DateTimeField(null=True, blank=True, editable=False)

    objects = EventQuerySet.as_manager()

    # Changes that calendar applications must see: they bump SEQUENCE.
    scheduling_fields = ("start", "end", "all_day", "recurrence_rule", "excluded_dates", "status", "place_id")
    scheduling_field_names = {"start", "end", "all_day", "recurrence_rule", "excluded_dates", "status", "place"}

    # Only the words are translated; dates, rule, place and rights stay those of the original.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("summary"),
        TranslatableField("description"),
        TranslatableField("price"),
        *(
            SynchronizedField(name)
            for name in (
                "owner",
                "visibility",
                "place",
                "online_url",
                "start",
                "end",
                "all_day",
                "recurrence_rule",
                "excluded_dates",
                "status",
                "is_free",
                "registration",
                "registration_url",
                "capacity",
                "accessible_hearing",
                "accessible_visual",
                "accessible_psychic",
                "accessible_motor",
                "accessible_intellectual",
                "image",
                "uid",
                "sequence",
                "source",
                "recurrence_id",
            )
        ),
    ]

    panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("start"), FieldPanel("end"), FieldPanel("all_day"), FieldPanel("recurrence_rule")],
            heading=_("When"),
        ),
        MultiFieldPanel([FieldPanel("place"), FieldPanel("online_url")], heading=_("Where")),
        FieldPanel("owner"),
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldPanel("is_free"),
                FieldPanel("price"),
                FieldPanel("registration"),
                FieldPanel("registration_url"),
                FieldPanel("capacity"),
            ],
            heading=_("Price and registration"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessible_hearing"),
                FieldPanel("accessible_visual"),
                FieldPanel("accessible_psychic"),
                FieldPanel("accessible_motor"),
                FieldPanel("accessible_intellectual"),
            ],
            heading=_("Accessibility"),
        ),
        MultiFieldPanel([FieldPanel("themes"), FieldPanel("audiences")], heading=_("Themes and audiences")),
        FieldPanel("image"),
        FieldPanel("visibility"),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("live"),
        index.FilterField("visibility"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["live", "visibility", "start"], name="event_public_start")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The event in the partners' space; the public page is the agenda page's ``event`` route."""
        return reverse("extranet:event_detail", args=[self.pk])

    @property
    def awaiting_moderation(self):
        return self.visibility == Visibility.PUBLIC and (not self.live or self.has_unpublished_changes)

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event cannot end before it starts.")
        if self.recurrence_rule:
            try:
                self.recurrence_rule = recurrence.validate_rule(self.recurrence_rule)
            except recurrence.RecurrenceError as error:
                errors["recurrence_rule"] = RECURRENCE_MESSAGES.get(error.message, str(error))
        if self.registration == self.Registration.LINK and not self.registration_url:
            errors["registration_url"] = _("Give the address where people register.")
        if self.registration == self.Registration.FORM and not self.capacity:
            errors["capacity"] = _("Give the number of places, so that registrations stop when it is full.")
        if not self.is_free and not self.price:
            errors["price"] = _("Give the price, or tick “free”.")
        if errors:
            raise ValidationError(errors)

    def get_preview_template(self, request, mode_name):
        return "agenda/event_preview.html"

    def save(self, *args, **kwargs):
        self.description = clean_rich_text(self.description)
        if not self.uid:
            self.uid = f"{self.translation_key}@caserurale.re"
        # save_revision() saves only its bookkeeping fields (update_fields) while the instance holds
        # the draft: the schedule and occurrences must stay those of the stored, published event.
        update_fields = kwargs.get("update_fields")
        touches_schedule = update_fields is None or bool(set(update_fields) & self.scheduling_field_names)
        if touches_schedule and self.pk and self.scheduling_changed():
            self.sequence += 1
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "sequence"}
        super().save(*args, **kwargs)
        if touches_schedule:
            transaction.on_commit(self.sync_occurrences)

    def scheduling_changed(self):
        stored = Event.objects.filter(pk=self.pk).values(*self.scheduling_fields).first()
        return stored is not None and any(stored[name] != getattr(self, name) for name in self.scheduling_fields)

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    def accessibility_codes(self):
        """The families of disability the event is accessible to, as filter codes."""
        return [code for code in ACCESSIBILITY_CODES if getattr(self, f"accessible_{code}")]

    def occurrence_bounds(self):
        """Start and end as the expansion expects them: dates for all-day events."""
        if self.all_day:
            # iCalendar's all-day end is exclusive: an event "on the 19th" ends on the 20th.
            first = timezone.localtime(self.start).date()
            end = timezone.localtime(self.end)
            last = end.date() if end.time() == time.min and end.date() > first else end.date() + timedelta(days=1)
            return first, last
        return self.start, self.end

    def sync_occurrences(self):
        """Rewrite the stored occurrences from the rule, over the horizon."""
        start, end = self.occurrence_bounds()
        pairs = recurrence.expand(start, end, self.recurrence_rule, self.excluded_dates)
        rows = [Occurrence(event=self, start=as_datetime(first), end=as_datetime(last)) for first, last in pairs]
        with transaction.atomic():
            Occurrence.objects.filter(event=self).delete()
            Occurrence.objects.bulk_create(rows)


def as_datetime(value):
    """Occurrences are stored as instants; an all-day date starts at local midnight."""
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time.min, tzinfo=recurrence.REUNION)


class EventUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Event, on_delete=models.CASCADE)


class EventGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Event, on_delete=models.CASCADE)


class OccurrenceQuerySet(models.QuerySet):
    def between(self, start, end):
        """Occurrences that overlap [start, end)."""
        return self.filter(start__lt=end, end__gt=start)

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now())


class Occurrence(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["start", "end"], name="occurrence_range")]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="occurrence_ends_after_start")
        ]

    def __str__(self):
        return f"{self.event} — {timezone.localtime(self.start):%d/%m/%Y %H:%M}"


def registration_refusal_message(refusal):
    """The form field and the words that explain why a registration was refused."""
    from agenda import registrations

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


def public_occurrences(locale, start, end):
    """Occurrences of published public events between two instants, in ``locale``'s words.

    An event not translated into ``locale`` yet shows in its original language.
    """
    translated = Event.objects.filter(translation_key=models.OuterRef("event__translation_key"), locale=locale)
    return (
        Occurrence.objects.between(start, end)
        .filter(event__live=True, event__visibility=Visibility.PUBLIC)
        .filter(models.Q(event__locale=locale) | ~models.Exists(translated.filter(live=True)))
        .select_related("event", "event__place", "event__locale")
        .order_by("start", "pk")
    )


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
        from agenda.filters import AgendaFilterForm

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
        from agenda.filters import AgendaFilterForm
        from agenda.month import MonthGrid

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
        from agenda import event_page, registrations  # they import this module

        event = get_object_or_404(
            Event.objects.for_public_site().select_related("place", "owner", "image", "locale"), pk=pk
        )
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
            **event_page.context(event, upcoming=upcoming, request=request, page=self),
        )
        return TemplateResponse(request, "agenda/event_page.html", context)

    @path("evenement/<int:pk>/inscription/", name="register")
    def registration_view(self, request, pk):
        from agenda import registrations
        from agenda.forms import RegistrationForm

        event = get_object_or_404(Event.objects.for_public_site().select_related("place"), pk=pk)
        if not registrations.accepts_registrations(event):
            raise Http404
        dates = registrations.open_dates(event, event.occurrences.upcoming()[:20])
        form = RegistrationForm(request.POST or None, dates=dates)
        if request.method == "POST" and form.is_valid():
            if form.is_spam():  # a bot sees the same thank-you page, and learns nothing
                return redirect(self.url + self.reverse_subpage("registered", args=(event.pk,)))
            try:
                registrations.register(
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
                return redirect(self.url + self.reverse_subpage("registered", args=(event.pk,)))
        context = self.get_context(request)
        context.update(event=event, form=form, dates=dates)
        return TemplateResponse(request, "agenda/registration_page.html", context, status=form_status(request))

    @path("evenement/<int:pk>/inscription/merci/", name="registered")
    def registered_view(self, request, pk):
        event = get_object_or_404(Event.objects.for_public_site(), pk=pk)
        context = self.get_context(request)
        context["event"] = event
        return TemplateResponse(request, "agenda/registration_done.html", context)

    @path("inscription/annuler/<int:pk>/<str:token>/", name="cancel_registration")
    def cancel_registration_view(self, request, pk, token):
        from agenda import registrations

        registration = registrations.registration_from_link(pk, token)
        context = self.get_context(request)
        context["registration"] = registration
        if registration is not None and request.method == "POST":
            registration.delete()
            context.update(registration=None, cancelled=True)
        return TemplateResponse(request, "agenda/registration_cancel.html", context)

    # Exports (agenda.feeds): published public events only, in this page's language. agenda.feeds
    # imports this module, so each route imports it when it runs.

    @path("ical/", name="calendar")
    def calendar_view(self, request):
        from agenda import feeds

        return feeds.whole_agenda_calendar(request, self)

    @path("ical/lieu/<slug:slug>/", name="place_calendar")
    def place_calendar_view(self, request, slug):
        from agenda import feeds

        return feeds.place_calendar(request, self, slug)

    @path("ical/organisateur/<slug:slug>/", name="organiser_calendar")
    def organiser_calendar_view(self, request, slug):
        from agenda import feeds

        return feeds.organiser_calendar(request, self, slug)

    @path("evenement/<int:pk>/ical/", name="event_calendar")
    def event_calendar_view(self, request, pk):
        from agenda import feeds

        return feeds.event_calendar(request, self, pk)

    @path("rss/", name="rss")
    def rss_view(self, request):
        from agenda import feeds

        return feeds.rss_feed(request, self)

    @path("atom/", name="atom")
    def atom_view(self, request):
        from agenda import feeds

        return feeds.atom_feed(request, self)


class CalendarSource(models.Model):
    """A partner's iCalendar address, fetched on a schedule; its events are upserted by UID."""

    organisation = models.ForeignKey(
        "annuaire.Organisation", on_delete=models.CASCADE, related_name="calendar_sources", verbose_name=_("organiser")
    )
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("calendar address (iCalendar)"), max_length=1000)
    visibility = models.CharField(
        _("who can see its events"), max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    # Trusted sources publish at once; the others wait as drafts for an editor.
    publish_directly = models.BooleanField(_("publish without moderation"), default=False)
    active = models.BooleanField(_("fetched regularly"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    last_summary = models.JSONField(_("last import"), default=dict, blank=True)
    etag = models.CharField(max_length=200, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)

    class Meta:
        verbose_name = _("imported calendar")
        verbose_name_plural = _("imported calendars")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "url"], name="calendar_source_once_per_organisation")
        ]

    def __str__(self):
        return self.name


class Registration(models.Model):
    """A resident's registration for one date of an event whose places are counted."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event"))
    # The date, not the occurrence row: occurrences are rewritten whenever the event changes.
    occurrence_start = models.DateTimeField(_("date"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    seats = models.PositiveSmallIntegerField(_("number of people"), default=1)
    language = models.CharField(max_length=10, default="fr", editable=False)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["occurrence_start", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["event", "occurrence_start", "email"], name="registration_once_per_date"),
            models.CheckConstraint(condition=models.Q(seats__gte=1, seats__lte=10), name="registration_seats_1_to_10"),
        ]

    def __str__(self):
        return f"{self.name} — {self.event}"
