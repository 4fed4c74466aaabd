"""Which engine answers a search: Elasticsearch when ELASTICSEARCH_URL is set, else the database."""

from django.conf import settings

from search.elastic_search import ElasticSearch
from search.engine import Search


def engine():
    return ElasticSearch if settings.ELASTICSEARCH_URL else Search


def new_search(query, **options):
    """A reader's search (``user``, ``locale``, ``area``, ``kind``) on the configured engine."""
    return engine()(query, **options)
