"""What a booking's two sides are told, kept until it is e-mailed: at once, or in a daily or weekly digest.

One row per recipient and event. A task claims a row (``sent_at`` set where it was empty) before it
sends, so a retried task or a second worker never sends it twice; a failed send gives the claim back.
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
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("booking notice")
        verbose_name_plural = _("booking notices")
        indexes = [models.Index(fields=["user", "sent_at"])]

    def __str__(self):
        return f"{self.kind} → {self.user_id}"
