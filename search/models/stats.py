from django.db import models
from django.utils.translation import gettext_lazy as _


class QueryStat(models.Model):
    """How often a query was made on a day and how often it found nothing: no person, no address."""

    query = models.CharField(_("query"), max_length=100)
    day = models.DateField(_("day"))
    searches = models.PositiveIntegerField(_("searches"), default=0)
    without_results = models.PositiveIntegerField(_("searches without results"), default=0)

    class Meta:
        verbose_name = _("search statistic")
        verbose_name_plural = _("search statistics")
        constraints = [models.UniqueConstraint(fields=["query", "day"], name="search_stat_unique")]
        ordering = ["-day", "-searches"]

    def __str__(self):
        return self.query
