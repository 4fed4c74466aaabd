"""The site search on Elasticsearch (ELASTICSEARCH_URL set): what search.engine.Search offers the
views (``results`` to page, ``facets``, ``count``, ``suggestions``, the words to highlight), answered
by the index of search/elastic.py, filtered inside each query by the reader's terms."""

from django.utils.dateparse import parse_datetime
from django.utils.functional import cached_property

from annuaire.access import is_coordinator
from search import elastic
from search.elastic_sync import elastic_index
from search.models import SearchEntry
from search.registry import PUBLIC, registry
from search.text import stem, words

# The facets' request also answers the first page of either search (10 or 20 results a page).
FIRST_PAGE = 20


def reader_viewers(user, locale, area):
    """The terms a reader's queries are filtered on (search.elastic_sync stores them with each entry)."""
    if area == PUBLIC:
        return [elastic.public_term(locale.language_code)]
    if is_coordinator(user):
        return [elastic.PARTNERS]
    terms = [elastic.PARTNERS_PUBLIC]
    if getattr(user, "is_authenticated", False) and user.is_active:
        terms += [elastic.group_term(pk) for pk in sorted(user.groups.values_list("pk", flat=True))]
        terms.append(elastic.user_term(user.pk))
    return terms


def entry(hit):
    """A SearchEntry (not saved) of a hit, for search.presenting as the database results are."""
    source = hit["_source"]
    fields = {name: source.get(name) or "" for name in ("kind", "language", "title", "body", "url", "where")}
    return SearchEntry(
        object_id=source["object_id"],
        starts=parse_datetime(source["starts"]) if source.get("starts") else None,
        ends=parse_datetime(source["ends"]) if source.get("ends") else None,
        **fields,
    )


class Hits:
    """The ranked results, fetched a page at a time (``from``/``size``) as the paginator slices them."""

    def __init__(self, search):
        self.search = search

    def count(self):
        return self.search.count

    def __len__(self):
        return self.search.count

    def __getitem__(self, key):
        if isinstance(key, slice):
            start = key.start or 0
            stop = key.stop if key.stop is not None else start + 10
            return self.search.page(start, max(0, stop - start))
        return self.search.page(key, 1)[0]


class ElasticSearch:
    def __init__(self, query, *, user, locale, area=PUBLIC, kind=None, index=None):
        self.query, self.user, self.locale, self.area = query, user, locale, area
        self.kind = kind if kind in {k.name for k in registry.in_area(area)} else None
        self.index = index or elastic_index()
        self.words = words(query)
        self._responses = {}

    @cached_property
    def viewers(self):
        return reader_viewers(self.user, self.locale, self.area)

    def response(self, offset, size):
        if (offset, size) not in self._responses:
            body = elastic.search_body(self.query, viewers=self.viewers, kind=self.kind, offset=offset, size=size)
            self._responses[offset, size] = self.index.search(body)
        return self._responses[offset, size]

    def page(self, offset, size):
        if not self.words or not size:
            return []
        # The paginator asks the last page for what is left (10 then 1): the first answer has it.
        made = [key for key in self._responses if key[0] == offset and key[1] >= size]
        response = self._responses[made[0]] if made else self.response(offset, size)
        return [entry(hit) for hit in response["hits"]["hits"][:size]]

    @cached_property
    def results(self):
        return Hits(self)

    @cached_property
    def facets(self):
        if not self.words:
            return []
        # Any response has them (the kind is a post filter): the one already made, else the first page.
        response = next(iter(self._responses.values()), None) or self.response(0, FIRST_PAGE)
        counts = {bucket["key"]: bucket["doc_count"] for bucket in response["aggregations"]["kinds"]["buckets"]}
        return registry.facets(self.area, counts, self.kind)

    @cached_property
    def count(self):
        return sum(facet["count"] for facet in self.facets if not self.kind or facet["selected"])

    def suggestions(self, size):
        """Titles starting with the words typed (the edge n-grams), same visibility."""
        if not self.words:
            return []
        found = self.index.search(elastic.suggest_body(self.query, viewers=self.viewers, size=size))
        return [entry(hit) for hit in found["hits"]["hits"]]

    def terms(self):
        return {term for word in self.words for term in (word, stem(word))}

    def prefixes(self):
        return {self.words[-1]} if self.words and len(self.words[-1]) >= 3 else set()
