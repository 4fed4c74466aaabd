"""Search backend settings.

The embedded default uses Wagtail's database backend. When ``ELASTICSEARCH_URL``
is set, Wagtail's Elasticsearch 9 backend takes over with French and Creole
friendly analysis (accents folded, French elisions and stemming).
"""

from urllib.parse import urlsplit

ELASTICSEARCH_BACKEND = "wagtail.search.backends.elasticsearch9"

# Creole shares most of its roots with French; folding accents and stemming
# lightly lets "kréol" find "kreol" and "projets" find "projet".
INDEX_SETTINGS = {
    "settings": {
        "index": {"number_of_shards": 1, "number_of_replicas": 1},
        "analysis": {
            "filter": {
                "french_elision": {
                    "type": "elision",
                    "articles_case": True,
                    "articles": ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
                },
                "french_light_stem": {"type": "stemmer", "language": "light_french"},
            },
            "analyzer": {
                "default": {
                    "tokenizer": "standard",
                    "filter": ["french_elision", "lowercase", "asciifolding", "french_light_stem"],
                },
            },
        },
    }
}


def elasticsearch_backend(url, index_prefix="caserurale_"):
    """The WAGTAILSEARCH_BACKENDS entry for an Elasticsearch 9 server at ``url``."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(f"ELASTICSEARCH_URL must be an http(s) URL, got {url!r}")
    return {
        "BACKEND": ELASTICSEARCH_BACKEND,
        "URLS": [url],
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": 5,
        "INDEX_SETTINGS": INDEX_SETTINGS,
        "ATOMIC_REBUILD": True,
    }
