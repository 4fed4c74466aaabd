"""What the admin remembers of each editor: when they last read the contact messages, how they want alerts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EditorPreference(models.Model):
    class Alerts(models.TextChoices):
        IMMEDIATE = "immediate", _("at once")
        DAILY = "daily", _("in a daily digest")
        NEVER = "never", _("never")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="editor_preference", verbose_name=_("editor")
    )
    # Written only by the "mark as read" form: the admin's home page is read-only.
    contact_messages_seen_at = models.DateTimeField(_("contact messages read up to"), null=True, blank=True)
    moderation_alerts = models.CharField(
        _("tell me when something new waits for me"), max_length=10, choices=Alerts.choices, default=Alerts.DAILY
    )

    class Meta:
        verbose_name = _("editor's preferences")
        verbose_name_plural = _("editors' preferences")

    def __str__(self):
        return str(self.user)
