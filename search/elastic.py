"""The same index on Elasticsearch 9, for when ELASTICSEARCH_URL is set (at scale).

The documents are the SearchEntry rows; the analysis mirrors search/text.py (french analyser with
elision, asciifolding and the French stemmer, a folded Creole field without stemming), the editors'
SynonymGroups feed a synonym filter and edge n-grams serve the suggestions. Visibility is stored in
each document as filter terms ("public", "group:<id>" for the groups granted the view right) and
applied inside the query, as on PostgreSQL. Everything but ``ElasticIndex`` is a pure function, so
the bodies are tested without a server (tests/search/test_elastic.py).
"""

from elasticsearch import Elasticsearch
from elasticsearch.helpers import bulk

from search.text import fold

FRENCH_ELISIONS = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]
PUBLIC_TERM = "public"


def synonym_rules(groups):
    """One Solr rule per group of words ("subvention, financement, aide"), folded as the text is."""
    rules = []
    for words in groups:
        folded = [fold(word) for word in words if fold(word)]
        if len(folded) > 1:
            rules.append(", ".join(dict.fromkeys(folded)))
    return rules


def index_body(synonym_groups, shards=1, replicas=1):
    """Settings and mappings of the index; ``synonym_groups`` is a list of word lists."""
    return {
        "settings": {
            "index": {"number_of_shards": shards, "number_of_replicas": replicas, "max_ngram_diff": 18},
            "analysis": {
                "filter": {
                    "french_elision": {"type": "elision", "articles_case": True, "articles": FRENCH_ELISIONS},
                    "french_stemmer": {"type": "stemmer", "language": "light_french"},
                    "site_synonyms": {"type": "synonym_graph", "synonyms": synonym_rules(synonym_groups)},
                    "suggest_edge": {"type": "edge_ngram", "min_gram": 2, "max_gram": 20},
                },
                "analyzer": {
                    # Indexing: no synonyms (they apply at query time, so editors' changes need no reindex).
                    "french_text": {
                        "tokenizer": "standard",
                        "filter": ["french_elision", "lowercase", "asciifolding", "french_stemmer"],
                    },
                    "french_query": {
                        "tokenizer": "standard",
                        "filter": ["french_elision", "lowercase", "asciifolding", "site_synonyms", "french_stemmer"],
                    },
                    "creole_text": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding"]},
                    "creole_query": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding", "site_synonyms"]},
                    "suggest_index": {
                        "tokenizer": "standard",
                        "filter": ["french_elision", "lowercase", "asciifolding", "suggest_edge"],
                    },
                    "suggest_query": {
                        "tokenizer": "standard",
                        "filter": ["french_elision", "lowercase", "asciifolding"],
                    },
                },
            },
        },
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "kind": {"type": "keyword"},
                "object_id": {"type": "long"},
                "language": {"type": "keyword"},
                "area": {"type": "keyword"},
                "viewers": {"type": "keyword"},
                "title": {
                    "type": "text",
                    "analyzer": "french_text",
                    "search_analyzer": "french_query",
                    "fields": {
                        "creole": {"type": "text", "analyzer": "creole_text", "search_analyzer": "creole_query"},
                        "suggest": {"type": "text", "analyzer": "suggest_index", "search_analyzer": "suggest_query"},
                        "sort": {"type": "keyword"},
                    },
                },
                "body": {
                    "type": "text",
                    "analyzer": "french_text",
                    "search_analyzer": "french_query",
                    "fields": {
                        "creole": {"type": "text", "analyzer": "creole_text", "search_analyzer": "creole_query"}
                    },
                },
                "url": {"type": "keyword", "index": False},
                "where": {"type": "text", "analyzer": "french_text"},
                "starts": {"type": "date"},
                "ends": {"type": "date"},
            },
        },
    }


def viewer_terms(*, public, group_ids=()):
    """The filter terms stored with a document: who may see it."""
    return ([PUBLIC_TERM] if public else []) + [f"group:{pk}" for pk in sorted(group_ids)]


def reader_terms(*, group_ids=(), sees_everything=False):
    """The terms a reader's query is filtered on; None for the coordinators, who see everything."""
    if sees_everything:
        return None
    return [PUBLIC_TERM] + [f"group:{pk}" for pk in sorted(group_ids)]


def document(entry, viewers):
    """The Elasticsearch document of a SearchEntry row."""
    return {
        "_id": f"{entry.kind}-{entry.object_id}-{entry.language or 'all'}",
        "kind": entry.kind,
        "object_id": entry.object_id,
        "language": entry.language,
        "area": entry.area,
        "viewers": viewers,
        "title": entry.title,
        "body": entry.body,
        "url": entry.url,
        "where": entry.where,
        "starts": entry.starts.isoformat() if entry.starts else None,
        "ends": entry.ends.isoformat() if entry.ends else None,
    }


def filters(*, area, language, viewers, kind=None):
    clauses = [
        {"term": {"area": area}},
        # The reader's language, and what is written once for every language.
        {"terms": {"language": [language, ""]}},
    ]
    if viewers is not None:
        clauses.append({"terms": {"viewers": viewers}})
    if kind:
        clauses.append({"term": {"kind": kind}})
    return clauses


def search_body(query, *, area, language, viewers, kind=None, offset=0, size=10):
    """Ranked results with the kinds' counts as facets, visibility inside the query (never after)."""
    fields = ["title^3", "title.creole^3", "body", "body.creole", "where"]
    return {
        "from": offset,
        "size": size,
        "track_total_hits": True,
        "query": {
            "function_score": {
                "query": {
                    "bool": {
                        "must": [
                            {
                                "multi_match": {
                                    "query": query,
                                    "fields": fields,
                                    "type": "most_fields",
                                    "fuzziness": "AUTO",
                                    "prefix_length": 1,
                                }
                            }
                        ],
                        "should": [{"match_phrase": {"title": {"query": query, "boost": 2}}}],
                        # The kind is a post filter: the facets count every kind the reader may see.
                        "filter": filters(area=area, language=language, viewers=viewers),
                    }
                },
                # Past events and closed calls stay findable, below what is still to come.
                "functions": [{"filter": {"range": {"ends": {"lt": "now"}}}, "weight": 0.4}],
                "boost_mode": "multiply",
            }
        },
        "post_filter": {"term": {"kind": kind}} if kind else {"match_all": {}},
        "aggs": {"kinds": {"terms": {"field": "kind", "size": 20}}},
        "highlight": {"fields": {"body": {"fragment_size": 160, "number_of_fragments": 1}}},
        "sort": ["_score", {"title.sort": "asc"}],
    }


def suggest_body(query, *, area, language, viewers, size=6):
    """Titles starting with the words typed (edge n-grams), same visibility."""
    return {
        "size": size,
        "_source": ["kind", "title", "url"],
        "query": {
            "bool": {
                "must": [{"match": {"title.suggest": {"query": query, "operator": "and"}}}],
                "filter": filters(area=area, language=language, viewers=viewers),
            }
        },
    }


class ElasticIndex:
    """A thin wrapper over the official client: create the index, bulk the documents, search."""

    def __init__(self, url, name="caserurale_search"):
        self.client = Elasticsearch(url, request_timeout=5)
        self.name = name

    def create(self, synonym_groups):
        self.client.options(ignore_status=404).indices.delete(index=self.name)
        body = index_body(synonym_groups)
        self.client.indices.create(index=self.name, settings=body["settings"], mappings=body["mappings"])

    def add(self, documents):
        actions = [{"_index": self.name, "_id": doc.pop("_id"), "_source": doc} for doc in documents]
        bulk(self.client, actions, refresh="wait_for")

    def search(self, body):
        return self.client.search(index=self.name, body=body)
