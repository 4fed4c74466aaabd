"""The search backend: database by default, Elasticsearch 9 when ELASTICSEARCH_URL is set."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from search.backend import INDEX_SETTINGS, elasticsearch_backend

ROOT = Path(__file__).resolve().parents[2]


def backend_setting(env):
    environment = {key: value for key, value in os.environ.items() if key != "ELASTICSEARCH_URL"}
    environment.update(env)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND'])",
        ],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "caserurale.settings.dev"},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_database_backend_without_elasticsearch_url():
    assert backend_setting({}) == "wagtail.search.backends.database"


def test_elasticsearch_9_backend_when_the_url_is_set():
    assert backend_setting({"ELASTICSEARCH_URL": "http://search:9200"}) == "wagtail.search.backends.elasticsearch9"


def test_elasticsearch_url_must_be_http():
    with pytest.raises(ValueError, match="http"):
        elasticsearch_backend("ftp://search:21")


def test_index_settings_fold_accents_and_stem_french():
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend("default", **elasticsearch_backend("https://user:pass@search.example:9243"))
    analyzer = backend.settings["settings"]["analysis"]["analyzer"]["default"]
    assert analyzer["filter"] == ["french_elision", "lowercase", "asciifolding", "french_light_stem"]
    # Wagtail's own analyzers for autocomplete are kept beside ours.
    assert "edgengram_analyzer" in backend.settings["settings"]["analysis"]["analyzer"]
    assert backend.index_prefix == "caserurale_"
    assert backend.hosts[0]["host"] == "search.example"
    assert backend.hosts[0]["scheme"] == "https"
    assert backend.hosts[0]["port"] == 9243
    assert INDEX_SETTINGS["settings"]["index"]["number_of_shards"] == 1


def test_page_mapping_indexes_the_text_residents_search():
    from wagtail.search.backends import get_search_backend

    from home.models import StandardPage

    backend = get_search_backend("default", **elasticsearch_backend("http://search:9200"))
    mapping = backend.mapping_class(StandardPage).get_mapping()
    properties = mapping["properties"]
    searchable = {name for name in properties if "intro" in name or "body" in name or "title" in name}
    assert any("intro" in name for name in searchable)
    assert any("body" in name for name in searchable)


@pytest.mark.elasticsearch
@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="set ELASTICSEARCH_URL to run against a live server"
)
@pytest.mark.django_db
def test_live_elasticsearch_finds_a_page_with_or_without_accents():
    from wagtail.search.backends import get_search_backend

    from home.models import StandardPage

    backend = get_search_backend(
        "default", **elasticsearch_backend(os.environ["ELASTICSEARCH_URL"], "caserurale_test_")
    )
    index = backend.get_index_for_model(StandardPage)
    index.reset()
    index.add_model(StandardPage)
    index.add_items(StandardPage, list(StandardPage.objects.live()))
    index.refresh()
    results = backend.search("cooperation", StandardPage.objects.live())
    assert any("coopération" in page.title.lower() for page in results)
