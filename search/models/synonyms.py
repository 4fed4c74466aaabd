from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import TranslatableField


class SynonymGroup(TranslatableMixin, models.Model):
    """Words residents use for the same thing, in French, Creole or the field's jargon."""

    name = models.CharField(_("name"), max_length=100)
    words = models.TextField(
        _("words"), help_text=_("Separated by commas, e.g. subvention, financement, aide, appel à projets.")
    )

    # Translated with wagtail-localize like the other snippets: a Creole group replaces the French one
    # for Creole readers (search.engine.synonym_groups), the French one serves where none exists.
    translatable_fields = [TranslatableField("name"), TranslatableField("words")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("synonyms")
        verbose_name_plural = _("synonyms")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def word_list(self):
        return [word.strip() for word in self.words.replace("\n", ",").split(",") if word.strip()]
