"""Saving an object never waits for the index: its entries are rebuilt by a Celery task once the
transaction has committed."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from search.models import SynonymGroup
from search.registry import registry
from search.tasks import index_objects, push_synonyms


def reindex_later(kind_name, pk):
    transaction.on_commit(lambda: index_objects.delay(kind_name, [pk]))


def object_changed(sender, instance, **kwargs):
    for kind in registry.for_model(sender):
        reindex_later(kind.name, instance.pk)


def related_changed(kind_name, attribute):
    def handler(sender, instance, **kwargs):
        pk = getattr(instance, attribute, None)
        if pk:
            reindex_later(kind_name, pk)

    return handler


def page_changed(sender, instance, **kwargs):
    reindex_later("page", instance.pk)


def synonyms_changed(sender, instance, **kwargs):
    if settings.ELASTICSEARCH_URL:
        transaction.on_commit(push_synonyms.delay)


def connect():
    for kind in registry.all():
        if issubclass(kind.model, Page):
            continue
        post_save.connect(object_changed, sender=kind.model, dispatch_uid=f"search-save-{kind.name}")
        post_delete.connect(object_changed, sender=kind.model, dispatch_uid=f"search-delete-{kind.name}")
        for model in kind.watched:
            handler = related_changed(kind.name, f"{kind.model._meta.model_name}_id")
            post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"search-{kind.name}-{model.__name__}")
    page_published.connect(page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(page_changed, dispatch_uid="search-page-unpublished")
    post_delete.connect(page_changed, sender=Page, dispatch_uid="search-page-deleted")
    post_save.connect(synonyms_changed, sender=SynonymGroup, dispatch_uid="search-synonyms-saved")
    post_delete.connect(synonyms_changed, sender=SynonymGroup, dispatch_uid="search-synonyms-deleted")
