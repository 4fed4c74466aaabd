"""Funding calls (appels à projets, AMI, grants…) shared by partners, followed, and announced to residents.

A call's status (upcoming, open, closing soon, closed) is derived from its dates, never stored:
``FundingCall.objects.with_status(today)`` computes it in the database so lists filter on it.
Each call keeps a copy of its first and last deadline dates (``first_deadline``, ``last_deadline``,
refreshed whenever a deadline of its family changes) so that lists of thousands of calls find the
next deadline without a subquery per call, except for calls between two of their deadlines.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from annuaire.access import SharedObject, SharedQuerySet, Visibility
from appels.admin_forms import FundingCallAdminForm
from caserurale.storage import private_storage

# A call whose next deadline is this close is "closing soon".
CLOSING_SOON_DAYS = 14


class Status(models.TextChoices):
    UPCOMING = "upcoming", _("upcoming")
    OPEN = "open", _("open")
    CLOSING_SOON = "closing_soon", _("closing soon")
    CLOSED = "closed", _("closed")


class FundingCallQuerySet(SharedQuerySet):
    def for_public_site(self):
        return self.filter(visibility=Visibility.PUBLIC)

    def with_status(self, today=None):
        """Annotate ``next_deadline`` (the first deadline not passed) and ``status``, from ``today``."""
        today = today or timezone.localdate()
        # A translation has the dates of its original: deadlines are found through the translation key.
        upcoming_deadlines = Deadline.objects.filter(
            call__translation_key=OuterRef("translation_key"), due_on__gte=today
        ).order_by("due_on")
        # The stored first and last dates answer for almost every call; only a call between two of
        # its deadlines asks the deadlines themselves (PostgreSQL and SQLite evaluate CASE lazily).
        next_deadline = Case(
            When(first_deadline__isnull=True, then=Value(None)),
            When(last_deadline__lt=today, then=Value(None)),
            When(first_deadline__gte=today, then=F("first_deadline")),
            default=Subquery(upcoming_deadlines.values("due_on")[:1]),
            output_field=models.DateField(),
        )
        return self.annotate(
            next_deadline=next_deadline,
            status=Case(
                When(opens_on__gt=today, then=Value(Status.UPCOMING)),
                When(
                    Q(first_deadline__isnull=True) & Q(recurrence=FundingCall.Recurrence.ONGOING),
                    then=Value(Status.OPEN),
                ),
                When(Q(first_deadline__isnull=True) | Q(last_deadline__lt=today), then=Value(Status.CLOSED)),
                When(next_deadline__lte=today + timedelta(days=CLOSING_SOON_DAYS), then=Value(Status.CLOSING_SOON)),
                default=Value(Status.OPEN),
                output_field=models.CharField(),
            ),
        )

    def refresh_deadline_dates(self):
        """Recompute the stored first and last deadline dates, in one UPDATE (after bulk inserts of deadlines)."""
        family = Deadline.objects.filter(call__translation_key=OuterRef("translation_key")).order_by()
        return self.update(
            first_deadline=Subquery(family.order_by("due_on").values("due_on")[:1]),
            last_deadline=Subquery(family.order_by("-due_on").values("due_on")[:1]),
        )


class FundingCall(TranslatableMixin, index.Indexed, ClusterableModel, SharedObject):
    class Kind(models.TextChoices):
        CALL_FOR_PROJECTS = "aap", _("call for projects (AAP)")
        CALL_FOR_INTEREST = "ami", _("call for expressions of interest (AMI)")
        GRANT = "grant", _("grant")
        PRIZE = "prize", _("prize or competition")
        TENDER = "tender", _("public tender")
        LOAN = "loan", _("loan")
        SUPPORT = "support", _("technical support")

    class Perimeter(models.TextChoices):
        TROIS_BASSINS = "trois-bassins", _("Trois-Bassins")
        WEST = "ouest", _("the West of La Réunion")
        REUNION = "reunion", _("La Réunion")
        NATIONAL = "national", _("France")
        EUROPE = "europe", _("Europe")

    class Recurrence(models.TextChoices):
        ONE_OFF = "one_off", _("one-off")
        ONGOING = "ongoing", _("ongoing (apply at any time)")
        RECURRING = "recurring", _("recurring (a new edition each year or so)")

    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("in a few words"), max_length=600, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CALL_FOR_PROJECTS)
    funders = models.ManyToManyField(
        "annuaire.Organisation", blank=True, related_name="funded_calls", verbose_name=_("funders in the network")
    )
    funder_names = models.CharField(
        _("other funders"), max_length=300, blank=True, help_text=_("Funders outside the network, e.g. Région Réunion.")
    )
    programme = models.CharField(_("programme"), max_length=200, blank=True, help_text=_("e.g. LEADER, PAT, FEDER."))
    themes = models.ManyToManyField(
        "annuaire.Theme", blank=True, related_name="funding_calls", verbose_name=_("themes")
    )
    beneficiaries = models.ManyToManyField(
        "annuaire.Audience", blank=True, related_name="funding_calls", verbose_name=_("who can apply")
    )
    perimeter = models.CharField(_("area"), max_length=20, choices=Perimeter.choices, default=Perimeter.REUNION)
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    recurrence = models.CharField(_("how often"), max_length=20, choices=Recurrence.choices, default=Recurrence.ONE_OFF)
    amount_min = models.DecimalField(_("minimum amount (€)"), max_digits=12, decimal_places=2, null=True, blank=True)
    amount_max = models.DecimalField(_("maximum amount (€)"), max_digits=12, decimal_places=2, null=True, blank=True)
    cofinancing_rate = models.PositiveSmallIntegerField(
        _("funding rate (%)"), null=True, blank=True, help_text=_("Share of the project's cost the funder pays.")
    )
    eligibility = models.TextField(_("who and what is eligible"), blank=True)
    how_to_apply = models.TextField(_("how to apply"), blank=True)
    url = models.URLField(_("official page"), max_length=500, blank=True)
    application_url = models.URLField(_("where to apply"), max_length=500, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    # Copies of the family's deadline dates, kept by Deadline.save/delete: see ``with_status``.
    first_deadline = models.DateField(null=True, editable=False)
    last_deadline = models.DateField(null=True, editable=False)
    previous_edition = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_editions", editable=False
    )

    objects = FundingCallQuerySet.as_manager()

    base_form_class = FundingCallAdminForm

    # Deadlines belong to the original: its translations show the same dates (see ``schedule``).
    exclude_fields_in_copy = ["deadlines", "first_deadline", "last_deadline"]

    # Words are translated; dates, amounts, links and rights stay those of the original.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("summary"),
        TranslatableField("eligibility"),
        TranslatableField("how_to_apply"),
        *(
            SynchronizedField(name)
            for name in (
                "owner",
                "visibility",
                "kind",
                "funder_names",
                "programme",
                "perimeter",
                "opens_on",
                "recurrence",
                "amount_min",
                "amount_max",
                "cofinancing_rate",
                "url",
                "application_url",
                "contact_name",
                "contact_email",
                "contact_phone",
            )
        ),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("summary"),
        index.SearchField("eligibility"),
        index.SearchField("programme"),
        index.SearchField("funder_names"),
        index.FilterField("visibility"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True) | Q(amount_max__isnull=True) | Q(amount_max__gte=F("amount_min")),
                name="funding_call_amounts_in_order",
            ),
            models.CheckConstraint(
                condition=Q(cofinancing_rate__isnull=True) | Q(cofinancing_rate__lte=100),
                name="funding_call_rate_at_most_100",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self._state.adding:
            # A new translation takes the dates of the family it joins, whatever its copy held.
            self.first_deadline, self.last_deadline = family_deadline_dates(self.translation_key)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("extranet:funding_call_detail", args=[self.pk])

    @cached_property
    def schedule(self):
        """The deadlines, in order; a translation has those of its original (prefetch ``deadlines`` to save a query)."""
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("deadlines")
        if prefetched:
            return sorted(prefetched, key=lambda deadline: (deadline.due_on, deadline.pk))
        return list(Deadline.objects.filter(call__translation_key=self.translation_key).order_by("due_on", "pk"))

    def next_deadline_on(self, today=None):
        today = today or timezone.localdate()
        return next((deadline.due_on for deadline in self.schedule if deadline.due_on >= today), None)

    def when_in_words(self, today=None):
        """The status as residents say it: "closes in 5 days", "opens on 3 March 2027"…

        Uses the ``status`` and ``next_deadline`` annotations of ``with_status`` when there.
        """
        today = today or timezone.localdate()
        status = getattr(self, "status", None) or self.status_on(today)
        next_deadline = (
            getattr(self, "next_deadline", None) if hasattr(self, "status") else self.next_deadline_on(today)
        )
        if status == Status.UPCOMING:
            return _("opens on %(date)s") % {"date": date_format(self.opens_on, "j F Y")}
        if status == Status.CLOSED:
            return _("the deadline has passed")
        if next_deadline is None:
            return _("open all year round")
        days = (next_deadline - today).days
        if days == 0:
            return _("closes today")
        if days == 1:
            return _("closes tomorrow")
        return ngettext("closes in %(count)s day", "closes in %(count)s days", days) % {"count": days}

    @property
    def status_label(self):
        return Status(getattr(self, "status", None) or self.status_on()).label

    def status_on(self, today=None):
        """The status in Python, for one call whose deadlines are loaded (same rules as ``with_status``)."""
        today = today or timezone.localdate()
        if self.opens_on and self.opens_on > today:
            return Status.UPCOMING
        dates = sorted(deadline.due_on for deadline in self.schedule)
        coming = [day for day in dates if day >= today]
        if not coming:
            return Status.OPEN if self.recurrence == self.Recurrence.ONGOING and not dates else Status.CLOSED
        if coming[0] <= today + timedelta(days=CLOSING_SOON_DAYS):
            return Status.CLOSING_SOON
        return Status.OPEN


class Deadline(models.Model):
    class Kind(models.TextChoices):
        PRE_SUBMISSION = "pre_submission", _("pre-submission")
        SUBMISSION = "submission", _("submission")
        OTHER = "other", _("other step")

    # A ParentalKey, so that editors set the deadlines inside the call's admin form (InlinePanel).
    call = ParentalKey(FundingCall, on_delete=models.CASCADE, related_name="deadlines")
    due_on = models.DateField(_("date"))
    kind = models.CharField(_("step"), max_length=20, choices=Kind.choices, default=Kind.SUBMISSION)
    label = models.CharField(_("label"), max_length=200, blank=True, help_text=_("e.g. second session"))
    # iCalendar SEQUENCE of the deadline in personal calendars (appels.ical): it grows when the date
    # changes, so that calendar applications replace their copy instead of keeping the old date.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    panels = [FieldPanel("due_on"), FieldPanel("kind"), FieldPanel("label")]

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["due_on"], name="deadline_due_on")]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.due_on:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = Deadline.objects.filter(pk=self.pk).values_list("due_on", flat=True).first()
            if stored is not None and stored != self.due_on:
                self.sequence += 1
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "sequence"}
        super().save(*args, **kwargs)


def family_deadline_dates(translation_key):
    """(first, last) deadline dates of a call and its translations; (None, None) without deadlines."""
    dates = Deadline.objects.filter(call__translation_key=translation_key).aggregate(
        first=models.Min("due_on"), last=models.Max("due_on")
    )
    return dates["first"], dates["last"]


def refresh_family_deadline_dates(call):
    """Store the family's first and last deadline dates on every translation of ``call`` (and on ``call`` itself)."""
    call.first_deadline, call.last_deadline = family_deadline_dates(call.translation_key)
    FundingCall.objects.filter(translation_key=call.translation_key).update(
        first_deadline=call.first_deadline, last_deadline=call.last_deadline
    )


class FundingCallUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(FundingCall, on_delete=models.CASCADE)


class FundingCallGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(FundingCall, on_delete=models.CASCADE)


class Attachment(models.Model):
    """A document of a call (rules, application form), downloaded through a permission check."""

    call = models.ForeignKey(FundingCall, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="appels/%Y/%m/", storage=private_storage)
    size = models.PositiveIntegerField(default=0, editable=False)
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("attached document")
        verbose_name_plural = _("attached documents")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title


class Interest(models.Model):
    """A partner follows a call, and may say their organisation intends to apply or looks for co-applicants."""

    class Intent(models.TextChoices):
        FOLLOWING = "following", _("following")
        APPLYING = "applying", _("we intend to apply")
        SEEKING_PARTNERS = "seeking_partners", _("we look for co-applicants")

    call = models.ForeignKey(FundingCall, on_delete=models.CASCADE, related_name="interests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="funding_interests")
    organisation = models.ForeignKey(
        "annuaire.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="funding_interests"
    )
    intent = models.CharField(_("intent"), max_length=20, choices=Intent.choices, default=Intent.FOLLOWING)
    note = models.CharField(_("a word for partners"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("interest in a call")
        verbose_name_plural = _("interests in calls")
        constraints = [models.UniqueConstraint(fields=["call", "user"], name="interest_once_per_user")]

    def __str__(self):
        return f"{self.user} — {self.call} ({self.get_intent_display()})"


class SavedSearch(models.Model):
    """A partner's filters on the list of calls, sent as an e-mail of new matching calls."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("every day")
        WEEKLY = "weekly", _("every week")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(_("name"), max_length=200)
    query = models.CharField(_("filters"), max_length=1000, blank=True)  # the list's query string
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    created_at = models.DateTimeField(default=timezone.now)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    unsubscribe_token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe, editable=False)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["name"]

    def __str__(self):
        return self.name


class SentNotification(models.Model):
    """One row per e-mail sent: a retried task finds it and sends nothing twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # e.g. "reminder:<deadline id>:7" or "alert:<saved search id>:<date>"
    key = models.CharField(max_length=200)
    sent_at = models.DateTimeField(default=timezone.now)
    # False from the moment a task claims the e-mail until the mail server has accepted it: a claim left
    # undelivered by a worker that died is taken over once it is old enough (caserurale.delivery).
    delivered = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_sent_once")]

    def __str__(self):
        return self.key


class CalendarToken(models.Model):
    """The secret address of a partner's personal calendar of deadlines; a new token revokes the old one."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deadline_calendar")
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user}"

    def renew(self):
        self.token = secrets.token_urlsafe()
        self.created_at = timezone.now()
        self.save(update_fields=["token", "created_at"])


def public_calls(locale, today=None):
    """Public calls in ``locale``'s words; a call not translated yet shows in its original language."""
    translated = FundingCall.objects.filter(
        translation_key=OuterRef("translation_key"), locale=locale, visibility=Visibility.PUBLIC
    )
    return (
        FundingCall.objects.for_public_site()
        .filter(Q(locale=locale) | (Q(locale__language_code=settings.LANGUAGE_CODE) & ~Exists(translated)))
        .with_status(today)
        .select_related("locale")
    )
