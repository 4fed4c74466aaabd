"""What partners are told when an editor decides on their public event: one e-mail per decision."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ModerationNotice(models.Model):
    """One row per decision; its e-mail is sent once with the claim and lease of caserurale.delivery.

    ``claimed_at`` is set by the task about to send, ``sent_at`` only once the mail server has
    accepted the message. A refused send gives the claim up and Celery retries with backoff; a
    claim left by a worker that died is taken over after ``MODERATION_NOTICE_LEASE``.
    """

    class Outcome(models.TextChoices):
        PUBLISHED = "published", _("published")
        SENT_BACK = "sent_back", _("sent back")

    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("moderation notice")
        constraints = [
            models.UniqueConstraint(fields=["revision", "outcome"], name="moderation_notice_once_per_decision")
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} → {self.recipient}"
