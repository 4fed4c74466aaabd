"""Messages sent through the contact page, kept until the team has been told of them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactSubmission(models.Model):
    # Named by its label: the message is what the page stores, the page is built on it.
    page = models.ForeignKey("home.ContactPage", verbose_name=_("page"), null=True, on_delete=models.SET_NULL)
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"))
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"))
    language = models.CharField(_("language"), max_length=10)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)
    notified_at = models.DateTimeField(_("team notified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} — {self.subject}"
