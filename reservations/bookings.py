"""A partner's request to use a resource, and the rule that no two active bookings overlap.

"Active" means approved, or pending where the owner lets a pending request hold the slot. Each
booking blocks its resource from its start to ``blocks_until``: its end plus the resource's buffer,
copied at request time so that the database can compare rows without reading the rules. On
PostgreSQL an exclusion constraint (migration 0002) forbids two active rows of one resource whose
``[starts_at, blocks_until)`` ranges overlap; on SQLite reservations.workflow checks the same rule
with the writers serialised.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from annuaire import access
from annuaire.models import Membership, Organisation
from extranet.models import Resource

OVERLAP_CONSTRAINT = "booking_no_overlap"


class Status(models.TextChoices):
    PENDING = "pending", _("waiting for an answer")
    APPROVED = "approved", _("approved")
    DECLINED = "declined", _("declined")
    CANCELLED = "cancelled", _("cancelled")


# The rows the no-overlap rule applies to; the same words as the exclusion constraint's WHERE.
ACTIVE = Q(status=Status.APPROVED) | Q(status=Status.PENDING, holds_slot=True)


def organisations_of(user):
    return Membership.objects.filter(user=user).values("organisation_id")


class BookingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ACTIVE)

    def overlapping(self, starts_at, blocks_until):
        return self.filter(starts_at__lt=blocks_until, blocks_until__gt=starts_at)

    def upcoming(self):
        return self.filter(ends_at__gt=timezone.now())

    def requested_by(self, user):
        """The requests of the organisations ``user`` belongs to."""
        return self.filter(organisation__in=organisations_of(user))

    def decided_by(self, user):
        """Bookings of the resources ``user`` may answer for: the owner's admins, the members it named."""
        return self.filter(resource__in=Resource.objects.editable_by(user).values("pk"))

    def waiting_for(self, user):
        return self.decided_by(user).filter(status=Status.PENDING)

    def visible_to(self, user):
        """Each side of a booking sees it; coordinators see all of them."""
        if access.is_coordinator(user):
            return self
        if not getattr(user, "is_authenticated", False):
            return self.none()
        editable = Resource.objects.editable_by(user).values("pk")
        return self.filter(Q(organisation__in=organisations_of(user)) | Q(resource__in=editable))


class Booking(models.Model):
    Status = Status

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("resource")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("requesting organisation")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("asked by")
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    blocks_until = models.DateTimeField(editable=False)
    whole_days = models.BooleanField(_("whole days"), default=False)
    purpose = models.TextField(_("what for"))
    people = models.PositiveIntegerField(_("how many people"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    holds_slot = models.BooleanField(default=True, editable=False)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # One request of a series ("every Tuesday for six weeks") shares its series with the others.
    series = models.UUIDField(null=True, blank=True, db_index=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["resource", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="booking_ends_after_start"),
            models.CheckConstraint(
                condition=Q(blocks_until__gte=models.F("ends_at")), name="booking_blocks_at_least_its_time"
            ),
        ]

    def __str__(self):
        return f"{self.resource} — {self.starts_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("extranet:booking_detail", args=[self.pk])

    @property
    def is_active(self):
        return self.status == Status.APPROVED or (self.status == Status.PENDING and self.holds_slot)

    @property
    def last_day(self):
        """The last day of a whole-day loan (its end is the next midnight)."""
        return timezone.localtime(self.ends_at - timedelta(microseconds=1)).date()
