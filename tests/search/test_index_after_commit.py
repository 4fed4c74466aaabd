"""Saving never waits on an index: our entries and Wagtail's index are written by a real Celery
worker once the editor's transaction has committed, not inside the save."""

import pytest
from django.db import transaction
from wagtail.models import Locale, Page
from wagtail.search.models import IndexEntry

from home.models import StandardPage
from search.models import SearchEntry
from tests.appels.celery_helpers import real_worker, wait_until


def indexed_by_wagtail(page):
    return IndexEntry.objects.filter(object_id=str(page.pk)).exists()


def ours(page):
    return SearchEntry.objects.filter(kind="page", object_id=page.pk).exists()


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_publishing_a_page_leaves_both_indexes_to_a_worker_after_the_commit(settings):
    # A transactional test that ran before us may have emptied the database, its page tree included.
    french, _ = Locale.objects.get_or_create(language_code="fr")
    Locale.objects.get_or_create(language_code="rcf")
    parent = Page.objects.filter(depth=1).first() or Page.add_root(instance=Page(title="Root", locale=french))
    with real_worker(settings.TEST_REDIS_URL):
        with transaction.atomic():
            page = parent.add_child(instance=StandardPage(title="Kokagn dann zardin", slug="kokagn-zardin"))
            page.save_revision().publish()
            # The save is done and nothing was indexed in it: that is the worker's job, after the commit.
            assert not indexed_by_wagtail(page)
            assert not ours(page)
        assert wait_until(lambda: ours(page) and indexed_by_wagtail(page))
