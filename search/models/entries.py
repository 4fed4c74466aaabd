"""The search index: one row per searchable object and language.

Wagtail's database backend indexes pages and models field by field but cannot rank pages, events,
calls and organisations in one list, apply the shared-object visibility inside the query, nor fold
and stem the same way on SQLite and PostgreSQL: so the site keeps its own small entry table, built
by the adapters of ``search.registry``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    kind = models.CharField(max_length=30)
    object_id = models.PositiveBigIntegerField()
    # "" for objects written once for every language (organisations, places).
    language = models.CharField(max_length=10, blank=True)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    title_terms = models.TextField(blank=True)
    terms = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    starts = models.DateTimeField(null=True, blank=True)
    ends = models.DateTimeField(null=True, blank=True)
    where = models.CharField(max_length=200, blank=True)
    # Outside the extranet: pages, public events and calls, directory and places.
    area = models.CharField(max_length=10, default="public")

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "language"], name="search_entry_unique"),
        ]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self):
        return self.title


class SearchTerm(models.Model):
    """Every indexed word once: typos are corrected against it (trigrams on PostgreSQL)."""

    word = models.CharField(max_length=60, unique=True)

    def __str__(self):
        return self.word
