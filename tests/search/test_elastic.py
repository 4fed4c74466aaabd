"""The Elasticsearch index and queries, offline: the analysis mirrors search/text.py, the editors'
synonyms feed the filter, visibility is a filter inside the query. The live test runs only when
ELASTICSEARCH_URL is set (no server can be installed here)."""

import os
import uuid
from datetime import UTC, datetime

import pytest

from search import elastic
from search.models import SearchEntry

GROUPS = [["subvention", "financement", "Appel à projets"], ["travail", "emploi", "travay"], ["seul"]]


def test_the_index_analyses_french_and_creole_like_the_database_index():
    body = elastic.index_body()
    analysis = body["settings"]["analysis"]
    french = analysis["analyzer"]["french_text"]["filter"]
    assert french == ["french_elision", "lowercase", "asciifolding", "french_stemmer"]
    assert "l" in analysis["filter"]["french_elision"]["articles"]
    # Creole folded, never stemmed; synonyms only at query time.
    assert analysis["analyzer"]["creole_text"]["filter"] == ["lowercase", "asciifolding"]
    assert "site_synonyms" in analysis["analyzer"]["creole_query"]["filter"]
    assert "site_synonyms" not in french
    assert analysis["filter"]["suggest_edge"] == {"type": "edge_ngram", "min_gram": 2, "max_gram": 20}
    title = body["mappings"]["properties"]["title"]
    assert title["fields"]["suggest"]["analyzer"] == "suggest_index"
    assert title["fields"]["creole"]["analyzer"] == "creole_text"
    assert body["mappings"]["properties"]["viewers"] == {"type": "keyword"}


def test_the_synonym_filter_reads_the_set_fed_from_the_groups_folded():
    synonyms = elastic.index_body()["settings"]["analysis"]["filter"]["site_synonyms"]
    # A synonyms set: editors' changes reload the query analyzers, no reindex.
    assert synonyms == {"type": "synonym_graph", "synonyms_set": elastic.SYNONYMS_SET, "updateable": True}
    assert elastic.synonyms_set(GROUPS) == [
        {"id": "rule-1", "synonyms": "subvention, financement, appel a projets"},
        {"id": "rule-2", "synonyms": "travail, emploi, travay"},
    ]


def test_documents_carry_who_may_see_them():
    entry = SearchEntry(
        kind="event", object_id=7, language="rcf", title="Kafé kozé", body="Ansanm", area="public",
        starts=datetime(2026, 12, 5, 9, tzinfo=UTC),
    )  # fmt: skip
    document = elastic.document(entry, [elastic.PARTNERS, elastic.group_term(2), elastic.group_term(4)])
    assert document["_id"] == "event-7-rcf"
    assert document["viewers"] == ["partners", "group:2", "group:4"]
    assert document["starts"] == "2026-12-05T09:00:00+00:00"
    assert set(document) - {"_id"} <= set(elastic.index_body()["mappings"]["properties"])


def test_the_query_filters_visibility_inside_it_and_counts_kinds():
    viewers = [elastic.public_term("rcf")]
    body = elastic.search_body("épicerie", viewers=viewers, kind="place", offset=10)
    filters = body["query"]["function_score"]["query"]["bool"]["filter"]
    # The reader's language is in the term: Creole readers also see the French not translated.
    assert filters == [{"terms": {"viewers": ["public:rcf"]}}]
    # The kind filters the results, not the facets' counts.
    assert body["post_filter"] == {"term": {"kind": "place"}}
    assert body["aggs"]["kinds"]["terms"]["field"] == "kind"
    assert body["from"] == 10 and body["track_total_hits"]


def test_suggestions_read_the_edge_ngrams_with_the_same_visibility():
    body = elastic.suggest_body("lépi", viewers=["public:fr"])
    assert body["query"]["bool"]["must"] == [{"match": {"title.suggest": {"query": "lépi", "operator": "and"}}}]
    assert body["query"]["bool"]["filter"] == [{"terms": {"viewers": ["public:fr"]}}]


@pytest.mark.elasticsearch
@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="needs ELASTICSEARCH_URL")
def test_a_live_server_finds_folded_stemmed_synonyms_and_hides_what_the_reader_may_not_see():
    index = elastic.ElasticIndex(os.environ["ELASTICSEARCH_URL"], name=f"test_search_{uuid.uuid4().hex[:8]}")
    index.create(GROUPS)
    try:
        public = SearchEntry(
            kind="call", object_id=1, language="fr", title="Aide aux associations", body="Une subvention"
        )
        private = SearchEntry(kind="call", object_id=2, language="fr", title="Subventions du cercle", body="")
        index.add(
            [
                elastic.document(public, ["public:fr", "partners", "partners:public"]),
                elastic.document(private, ["partners", "group:9"]),
            ]
        )
        anonymous = index.search(elastic.search_body("financements", viewers=["public:fr"]))
        assert [hit["_source"]["object_id"] for hit in anonymous["hits"]["hits"]] == [1]
        member = ["partners:public", "group:9"]
        found = index.search(elastic.search_body("subvention", viewers=member))
        assert {hit["_source"]["object_id"] for hit in found["hits"]["hits"]} == {1, 2}
        suggested = index.search(elastic.suggest_body("subv", viewers=["public:fr"]))
        assert [hit["_source"]["object_id"] for hit in suggested["hits"]["hits"]] == [1]
    finally:
        index.client.indices.delete(index=index.name)
