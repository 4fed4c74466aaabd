"""Events of the Case Rurale and its network, and their stored occurrences.

A repeating event keeps its RFC 5545 rule; its occurrences are expanded into rows over a bounded
horizon, so that "what happens this week" is one indexed range query whatever the rules say.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from agenda import recurrence
from annuaire.access import SharedObject, SharedQuerySet, Visibility
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
