"""What the owner of a resource allows: when it may be booked, for how long, by whom at once."""

from datetime import time, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from annuaire.models import Circle
from extranet.models import Resource

WEEKDAYS = [
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
]


def lends_whole_days(resource):
    """Equipment is lent for whole days; rooms, vehicles and skills for a time range."""
    return resource.kind == Resource.Kind.EQUIPMENT


class BookingRules(models.Model):
    """One resource's booking rules. A resource without a row follows the defaults below."""

    resource = models.OneToOneField(
        Resource, on_delete=models.CASCADE, primary_key=True, related_name="booking_rules", verbose_name=_("resource")
    )
    open_days = models.CharField(_("open days"), max_length=7, default="01234")
    opens_at = models.TimeField(_("opens at"), default=time(8))
    closes_at = models.TimeField(_("closes at"), default=time(18))
    min_notice_hours = models.PositiveIntegerField(
        _("minimum notice (hours)"), default=24, help_text=_("How long before it starts a request may be made.")
    )
    max_hours = models.PositiveIntegerField(
        _("longest booking (hours)"), default=8, help_text=_("For rooms, vehicles and skills.")
    )
    max_days = models.PositiveIntegerField(_("longest loan (days)"), default=7, help_text=_("For equipment."))
    buffer_minutes = models.PositiveIntegerField(
        _("time kept free after each booking (minutes)"),
        default=0,
        help_text=_("To clean a room, charge a vehicle, check equipment."),
    )
    instant_circles = models.ManyToManyField(
        Circle,
        blank=True,
        related_name="+",
        verbose_name=_("circles that book at once"),
        help_text=_("Their members' requests are approved at once; everyone else waits for your answer."),
    )
    pending_holds_slot = models.BooleanField(
        _("a request waiting for an answer holds the slot"),
        default=False,
        help_text=_("Otherwise other partners may still ask for the same time until you approve one."),
    )

    class Meta:
        verbose_name = _("booking rules")
        verbose_name_plural = _("booking rules")

    def __str__(self):
        return str(self.resource_id)

    @classmethod
    def of(cls, resource):
        """The saved rules, or the defaults (unsaved: a GET never writes)."""
        try:
            return resource.booking_rules
        except cls.DoesNotExist:
            return cls(resource=resource)

    @property
    def buffer(self):
        return timedelta(minutes=self.buffer_minutes)

    @property
    def open_weekdays(self):
        return {int(day) for day in self.open_days}

    def clean(self):
        if self.opens_at >= self.closes_at:
            raise ValidationError({"closes_at": _("The closing time must come after the opening time.")})


class Blackout(models.Model):
    """Days the resource cannot be booked: holidays, maintenance."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="blackouts", verbose_name=_("resource")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to (included)"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("unavailable days")
        verbose_name_plural = _("unavailable days")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="blackout_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.starts_on} – {self.ends_on}"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot come before the first.")})
