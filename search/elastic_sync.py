"""Keeping the Elasticsearch index in step with the database entries (ELASTICSEARCH_URL set).

The SearchEntry rows stay the source (search.indexing writes them, in a Celery task after the
commit); each is sent to Elasticsearch with the terms of who may see it, computed here from the
same rules the database search applies in its query (each kind's ``visible`` and
``partners_visible``, guardian's object permissions): so both backends show the same things.
"""

from functools import cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Permission
from guardian.utils import get_group_obj_perms_model, get_user_obj_perms_model
from wagtail.models import Locale

from search import elastic
from search.models import SearchEntry, SynonymGroup
from search.registry import registry


def elastic_index():
    return index_at(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX)


@cache
def index_at(url, name):
    """One client per server and index name (a client keeps its connections)."""
    return elastic.ElasticIndex(url, name=name)


def everyone_in_the_extranet():
    """A reader who sees everything of the partners' space (as coordinators do), never saved."""
    return get_user_model()(is_superuser=True, is_active=True)


def granted(model, object_ids):
    """{object id: terms} of the groups and users granted the view right on these objects."""
    terms = {}
    codename = f"view_{model._meta.model_name}"
    permission = Permission.objects.filter(content_type__app_label=model._meta.app_label, codename=codename)
    for permission_model, field, term in (
        (get_group_obj_perms_model(model), "group_id", elastic.group_term),
        (get_user_obj_perms_model(model), "user_id", elastic.user_term),
    ):
        rows = permission_model.objects.filter(permission__in=permission, content_object__in=object_ids)
        for object_id, pk in rows.values_list("content_object_id", field):
            terms.setdefault(object_id, []).append(term(pk))
    return terms


def viewers(kind, object_ids):
    """{object id: filter terms} of these objects of ``kind``."""
    terms = {pk: [] for pk in object_ids}
    if kind.visible:
        for locale in Locale.objects.all():
            for pk in kind.visible(None, locale).filter(pk__in=object_ids).values_list("pk", flat=True):
                terms[pk].append(elastic.public_term(locale.language_code))
    if kind.partners_visible:
        french = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
        shown = set(
            kind.partners_visible(everyone_in_the_extranet(), french)
            .filter(pk__in=object_ids)
            .values_list("pk", flat=True)
        )
        public = set(kind.partners_visible(AnonymousUser(), french).filter(pk__in=shown).values_list("pk", flat=True))
        grants = granted(kind.model, shown)
        for pk in shown:
            terms[pk].append(elastic.PARTNERS)
            if pk in public:
                terms[pk].append(elastic.PARTNERS_PUBLIC)
            terms[pk].extend(sorted(set(grants.get(pk, []))))
    return terms


def documents(kind, entries):
    who = viewers(kind, {entry.object_id for entry in entries})
    return [elastic.document(entry, who[entry.object_id]) for entry in entries if who[entry.object_id]]


def push(kind, object_ids):
    """Send the entries of these objects (as the database holds them now) to Elasticsearch."""
    entries = list(SearchEntry.objects.filter(kind=kind.name, object_id__in=object_ids))
    elastic_index().replace(kind.name, object_ids, documents(kind, entries))


def synonym_groups():
    return [group.word_list() for group in SynonymGroup.objects.all()]


def rebuild(progress=None, batch=500):
    """The index created again, then every entry of the database sent, kind by kind."""
    index = elastic_index()
    index.create(synonym_groups())
    sent = 0
    for kind in registry.all():
        ids = sorted(set(SearchEntry.objects.filter(kind=kind.name).values_list("object_id", flat=True)))
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            entries = list(SearchEntry.objects.filter(kind=kind.name, object_id__in=chunk))
            found = documents(kind, entries)
            if found:
                index.add(found)
            sent += len(found)
            if progress:
                progress(kind, min(start + batch, len(ids)), len(ids))
    return sent
