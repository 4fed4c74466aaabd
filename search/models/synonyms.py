from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin


class SynonymGroup(TranslatableMixin, models.Model):
    """Words residents use for the same thing, in French, Creole or the field's jargon."""

    name = models.CharField(_("name"), max_length=100)
    words = models.TextField(
        _("words"), help_text=_("Separated by commas, e.g. subvention, financement, aide, appel à projets.")
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("synonyms")
        verbose_name_plural = _("synonyms")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def word_list(self):
        return [word.strip() for word in self.words.replace("\n", ",").split(",") if word.strip()]
