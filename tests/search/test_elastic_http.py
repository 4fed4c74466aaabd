"""With ELASTICSEARCH_URL set, the site search runs on Elasticsearch: what it sends, over real HTTP,
to a small server of our own that records each request and answers as Elasticsearch 9 does (no
Elasticsearch server can be installed here; the live tests in test_elastic.py run against one)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse

from annuaire.access import Visibility
from annuaire.models import Place
from search import elastic
from search.elastic_search import ElasticSearch
from search.engine import Search
from search.engines import engine
from search.indexing import index_objects
from search.models import SearchEntry, SynonymGroup
from tests.extranet import conftest as extranet

pytestmark = pytest.mark.django_db

world, login = extranet.world, extranet.login
INDEX = "caserurale_test_search"
HIT = {
    "_index": INDEX,
    "_id": "place-1-all",
    "_score": 3.2,
    "_source": {
        "kind": "place",
        "object_id": 1,
        "language": "",
        "title": "Épicerie du marché",
        "body": "Une épicerie sociale et solidaire au cœur du bourg.",
        "url": "epicerie-du-marche",
        "where": "Trois-Bassins",
        "starts": None,
        "ends": None,
    },
}
SEARCH_ANSWER = {
    "took": 2,
    "timed_out": False,
    "hits": {"total": {"value": 1, "relation": "eq"}, "max_score": 3.2, "hits": [HIT]},
    "aggregations": {"kinds": {"buckets": [{"key": "place", "doc_count": 1}]}},
}


class Elasticsearch(BaseHTTPRequestHandler):
    """Records ``(method, path, query, body)`` and answers what Elasticsearch 9 would."""

    def log_message(self, format, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        # The official client refuses a server that does not say it is Elasticsearch.
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Type", "application/vnd.elasticsearch+json;compatible-with=9")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_request(self):
        parts = urlsplit(self.path)
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        if parts.path == "/_bulk":
            body = [json.loads(line) for line in raw.splitlines() if line.strip()]
        else:
            body = json.loads(raw) if raw else None
        self.server.requests.append((self.command, parts.path, parse_qs(parts.query), body))
        if parts.path.endswith("/_search"):
            return self.answer(200, SEARCH_ANSWER)
        if parts.path == "/_bulk":
            actions = body[::2]
            items = [{"index": {"_id": action["index"]["_id"], "status": 201}} for action in actions]
            return self.answer(200, {"took": 1, "errors": False, "items": items})
        if parts.path.endswith("/_delete_by_query"):
            return self.answer(200, {"took": 1, "deleted": 0, "failures": []})
        if parts.path.startswith("/_synonyms/"):
            return self.answer(200, {"result": "created", "reload_analyzers_details": {}})
        if self.command == "DELETE":
            return self.answer(404, {"error": {"type": "index_not_found_exception"}, "status": 404})
        return self.answer(200, {"acknowledged": True, "shards_acknowledged": True, "index": INDEX})

    do_GET = do_POST = do_PUT = do_DELETE = handle_request


@pytest.fixture
def server(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Elasticsearch)
    server.daemon_threads = True
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{server.server_port}"
    settings.ELASTICSEARCH_INDEX = INDEX
    yield server
    server.shutdown()
    server.server_close()


def sent(server, suffix):
    return [body for method, path, query, body in server.requests if path.endswith(suffix)]


def test_the_engine_follows_elasticsearch_url(settings):
    settings.ELASTICSEARCH_URL = ""
    assert engine() is Search
    settings.ELASTICSEARCH_URL = "http://search:9200"
    assert engine() is ElasticSearch


def test_the_search_page_sends_one_query_with_the_readers_terms_inside_it(server, client):
    response = client.get("/recherche/", {"q": "épicerie sociale"})
    assert response.status_code == 200
    titles = [
        link.get_text(" ", strip=True)
        for link in BeautifulSoup(response.content, "html.parser").select(".search-results h3 a")
    ]
    assert titles == ["Épicerie du marché"]
    # One request answers the facets and the first page.
    expected = elastic.search_body("épicerie sociale", viewers=["public:fr"], offset=0, size=20)
    assert sent(server, f"/{INDEX}/_search") == [expected]
    # Visibility and the kind are filters of the query, not of what comes back.
    assert expected["query"]["function_score"]["query"]["bool"]["filter"] == [{"terms": {"viewers": ["public:fr"]}}]


def test_a_creole_reader_and_a_kind_filter(server, client):
    response = client.get("/rcf/recherche/", {"q": "lépicerie", "type": "place", "page": "2"})
    assert response.status_code == 200
    bodies = sent(server, f"/{INDEX}/_search")
    assert bodies[0] == elastic.search_body("lépicerie", viewers=["public:rcf"], kind="place", offset=0, size=20)
    assert bodies[0]["post_filter"] == {"term": {"kind": "place"}}


def test_suggestions_read_the_edge_ngrams(server, client):
    items = client.get("/recherche/suggestions/", {"q": "epic"}).json()["suggestions"]
    assert [item["title"] for item in items] == ["Épicerie du marché"]
    assert sent(server, f"/{INDEX}/_search") == [elastic.suggest_body("epic", viewers=["public:fr"], size=6)]


def test_a_partner_searches_with_their_groups_and_a_coordinator_everything(world, login, server):
    member = world.users["member_a"]
    client = login(world, "member_a")
    assert client.get(reverse("extranet:search"), {"q": "ressource"}).status_code == 200
    groups = sorted(member.groups.values_list("pk", flat=True))
    viewers = ["partners:public", *(f"group:{pk}" for pk in groups), f"user:{member.pk}"]
    assert sent(server, f"/{INDEX}/_search") == [elastic.search_body("ressource", viewers=viewers, size=20)]
    server.requests.clear()
    login(world, "coordinator").get(reverse("extranet:search"), {"q": "ressource"})
    assert sent(server, f"/{INDEX}/_search") == [elastic.search_body("ressource", viewers=["partners"], size=20)]


def test_indexing_replaces_the_objects_documents_with_who_may_see_them(world, server):
    place = Place.objects.first()
    index_objects("place", [place.pk])
    assert sent(server, f"/{INDEX}/_delete_by_query") == [{"query": elastic.delete_body("place", [place.pk])}]
    action, document = sent(server, "/_bulk")[0]
    entry = SearchEntry.objects.get(kind="place", object_id=place.pk)
    assert action == {"index": {"_index": INDEX, "_id": f"place-{place.pk}-all"}}
    assert document["viewers"] == ["public:fr", "public:rcf"]
    assert document["title"] == entry.title

    server.requests.clear()
    hidden = world.resources[Visibility.ORGANISATION]
    index_objects("resource", [hidden.pk])
    _action, document = sent(server, "/_bulk")[0]
    owners = hidden.owner.members_group_id, hidden.owner.admins_group_id
    assert document["viewers"] == ["partners", *sorted(f"group:{pk}" for pk in owners)]
    assert not any(term.startswith("public") for term in document["viewers"])


def test_the_rebuild_puts_the_synonyms_creates_the_index_and_sends_every_entry(server):
    out = StringIO()
    call_command("update_search_index", stdout=out)
    assert "entries sent to Elasticsearch" in out.getvalue()
    assert "place: " in out.getvalue()  # progress, kind by kind
    synonyms = [body for method, path, query, body in server.requests if path.startswith("/_synonyms/")]
    groups = [group.word_list() for group in SynonymGroup.objects.all()]
    assert synonyms == [{"synonyms_set": elastic.synonyms_set(groups)}]
    created = [body for method, path, query, body in server.requests if method == "PUT" and path == f"/{INDEX}"]
    assert created == [elastic.index_body()]
    documents = [line for body in sent(server, "/_bulk") for line in body[1::2]]
    assert len(documents) >= SearchEntry.objects.filter(kind="place").count()


def test_saving_synonyms_rewrites_the_set_after_the_commit(server, django_capture_on_commit_callbacks):
    group = SynonymGroup.objects.first()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        group.words += ", kaz"
        group.save()
        assert not server.requests  # nothing sent while the editor's transaction is open
    for callback in callbacks:
        callback()
    (body,) = [body for method, path, query, body in server.requests if path == "/_synonyms/caserurale-synonyms"]
    assert any("kaz" in rule["synonyms"] for rule in body["synonyms_set"])
