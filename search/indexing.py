"""Keeping the entries of ``search.models.SearchEntry`` in step with the objects they describe."""

from django.conf import settings
from django.db import transaction

from search import elastic_sync
from search.models import SearchEntry, SearchTerm
from search.registry import registry
from search.text import joined, terms

BODY_LENGTH = 4000  # enough for a good excerpt; every word is in ``terms`` anyway


def entries_of(kind, obj):
    entries = []
    for document in kind.document(obj):
        title_terms = terms(document.title, document.french)
        body_terms = terms(document.body, document.french)
        entries.append(
            SearchEntry(
                kind=kind.name,
                object_id=obj.pk,
                language=document.language,
                title=document.title[:300],
                body=document.body[:BODY_LENGTH],
                title_terms=joined(title_terms),
                # The title's terms lead, so one column holds every word (one trigram index).
                terms=joined(title_terms + body_terms),
                url=document.url[:500],
                starts=document.starts,
                ends=document.ends,
                where=document.where[:200],
            )
        )
    return entries


def remember_words(entries):
    words = {word for entry in entries for word in entry.terms.split() if len(word) <= 60}
    SearchTerm.objects.bulk_create([SearchTerm(word=word) for word in words], ignore_conflicts=True)


def index_objects(kind_name, pks, to_elasticsearch=True):
    """Replace the entries of these objects (those gone or no longer searchable lose theirs), and
    their documents in Elasticsearch when it is configured."""
    kind = registry.get(kind_name)
    objects = kind.objects().filter(pk__in=pks)
    entries = [entry for obj in objects for entry in entries_of(kind, obj)]
    with transaction.atomic():
        SearchEntry.objects.filter(kind=kind.name, object_id__in=pks).delete()
        SearchEntry.objects.bulk_create(entries)
        remember_words(entries)
    if to_elasticsearch and settings.ELASTICSEARCH_URL:
        elastic_sync.push(kind, pks)
    return len(entries)


def rebuild(progress=None, batch=500):
    """Index everything again, kind by kind, telling ``progress(kind, done, total)``."""
    total_entries = 0
    for kind in registry.all():
        objects = kind.objects()
        total = objects.count()
        done = 0
        SearchEntry.objects.filter(kind=kind.name).delete()
        pks = list(objects.values_list("pk", flat=True).order_by("pk"))
        for start in range(0, len(pks), batch):
            chunk = pks[start : start + batch]
            # Elasticsearch is rebuilt apart, from all the entries (search.elastic_sync.rebuild).
            total_entries += index_objects(kind.name, chunk, to_elasticsearch=False)
            done += len(chunk)
            if progress:
                progress(kind, done, total)
        if progress and not total:
            progress(kind, 0, 0)
    return total_entries
