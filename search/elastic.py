"""The same index on Elasticsearch 9, for when ELASTICSEARCH_URL is set (at scale).

The documents are the SearchEntry rows; the analysis mirrors search/text.py (french analyser with
elision, asciifolding and the French stemmer, a folded Creole field without stemming), the editors'
SynonymGroups feed a synonym filter and edge n-grams serve the suggestions. Visibility is stored in
each document as filter terms, computed when it is indexed from the kinds' visibility rules
(search/elastic_sync.py): "public:<language>" for the public site in that language (Creole readers
see the French objects not translated), "partners" for every object of the partners' space,
"partners:public", "group:<id>" and "user:<id>" for who may see it there. The reader's terms filter
the query, inside it, as on PostgreSQL. The editors' synonyms are an Elasticsearch synonyms set,
so a change reloads the query analyzers without reindexing. Everything but ``ElasticIndex`` is a
pure function, so the bodies are tested without a server (tests/search/test_elastic.py).
"""

from elasticsearch import Elasticsearch
from elasticsearch.helpers import bulk

from search.text import fold

FRENCH_ELISIONS = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]
SYNONYMS_SET = "caserurale-synonyms"
PARTNERS = "partners"  # every entry of the partners' space (what coordinators see)
PARTNERS_PUBLIC = "partners:public"


def public_term(language):
    return f"public:{language}"


def group_term(pk):
    return f"group:{pk}"


def user_term(pk):
    return f"user:{pk}"


def synonym_rules(groups):
    """One Solr rule per group of words ("subvention, financement, aide"), folded as the text is."""
    rules = []
    for words in groups:
        folded = [fold(word) for word in words if fold(word)]
        if len(folded) > 1:
            rules.append(", ".join(dict.fromkeys(folded)))
    return rules


def synonyms_set(groups):
    """The synonyms set's rules (PUT _synonyms/<set>) from the groups' word lists."""
    return [{"id": f"rule-{number}", "synonyms": rule} for number, rule in enumerate(synonym_rules(groups), 1)]


def index_body(shards=1, replicas=1, synonyms=SYNONYMS_SET):
    """Settings and mappings of the index; the synonyms come from the set named ``synonyms``."""
    return {
        "settings": {
            "index": {"number_of_shards": shards, "number_of_replicas": replicas, "max_ngram_diff": 18},
            "analysis": {
                "filter": {
                    "french_elision": {"type": "elision", "articles_case": True, "articles": FRENCH_ELISIONS},
                    "french_stemmer": {"type": "stemmer", "language": "light_french"},
                    # Query time only, from the synonyms set: editors' changes reload, no reindex.
                    "site_synonyms": {"type": "synonym_graph", "synonyms_set": synonyms, "updateable": True},
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


def filters(*, viewers, kind=None):
    """Who may see it, as a filter of the query itself; the reader's language is in the terms."""
    clauses = [{"terms": {"viewers": viewers}}]
    if kind:
        clauses.append({"term": {"kind": kind}})
    return clauses


def search_body(query, *, viewers, kind=None, offset=0, size=10):
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
                        "filter": filters(viewers=viewers),
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


def suggest_body(query, *, viewers, size=6):
    """Titles starting with the words typed (edge n-grams), same visibility."""
    return {
        "size": size,
        "_source": ["kind", "title", "url"],
        "query": {
            "bool": {
                "must": [{"match": {"title.suggest": {"query": query, "operator": "and"}}}],
                "filter": filters(viewers=viewers),
            }
        },
    }


def delete_body(kind, object_ids):
    """The entries of these objects, to delete before their new ones are added."""
    return {"bool": {"filter": [{"term": {"kind": kind}}, {"terms": {"object_id": list(object_ids)}}]}}


class ElasticIndex:
    """A thin wrapper over the official client: the synonyms set, the index, its documents, search."""

    def __init__(self, url, name="caserurale_search"):
        self.client = Elasticsearch(url, request_timeout=5)
        self.name = name

    def put_synonyms(self, groups):
        self.client.synonyms.put_synonym(id=SYNONYMS_SET, synonyms_set=synonyms_set(groups))

    def create(self, synonym_groups):
        self.put_synonyms(synonym_groups)
        self.client.options(ignore_status=404).indices.delete(index=self.name)
        body = index_body()
        self.client.indices.create(index=self.name, settings=body["settings"], mappings=body["mappings"])

    def add(self, documents):
        actions = [{"_index": self.name, "_id": doc.pop("_id"), "_source": doc} for doc in documents]
        bulk(self.client, actions, refresh="wait_for")

    def replace(self, kind, object_ids, documents):
        """The documents of these objects, those gone or no longer searchable removed."""
        self.client.delete_by_query(index=self.name, query=delete_body(kind, object_ids), refresh=True)
        if documents:
            self.add(documents)

    def search(self, body):
        return self.client.search(index=self.name, body=body)
