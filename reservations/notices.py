"""What a booking's two sides are told, kept until it is e-mailed: at once, or in a daily or weekly digest.

One row per recipient and event, its own ledger row for caserurale.delivery
(reservations.notice_delivery): ``claimed_at`` holds the claim of the run about to send, ``sent_at`` is
set once the mail server accepted the message. A failed send empties ``claimed_at`` for the retry; a
claim left by a worker that died is taken over after ``BOOKING_NOTICE_LEASE``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reservations.bookings import Booking


class BookingNotice(models.Model):
    class Kind(models.TextChoices):
        REQUESTED = "requested", _("new request")
        APPROVED = "approved", _("request approved")
        DECLINED = "declined", _("request declined")
        CANCELLED = "cancelled", _("booking cancelled")
        REMINDER = "reminder", _("request still waiting for an answer")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("booking notice")
        verbose_name_plural = _("booking notices")
        indexes = [models.Index(fields=["user", "sent_at"])]

    def __str__(self):
        return f"{self.kind} → {self.user_id}"
