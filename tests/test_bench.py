"""The benchmark's load generator counts what a real server answered: requests, errors, cache hits."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.load import generate_load


class Handler(BaseHTTPRequestHandler):
    """``/page`` answers 200 (a cache hit every other time), ``/broken`` 500, ``/away`` a redirect."""

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        server = self.server
        with server.lock:
            server.answered[self.path] += 1
            count = server.answered[self.path]
        status = {"/page": 200, "/broken": 500, "/away": 302}.get(self.path, 404)
        self.send_response(status)
        self.send_header("Content-Length", "2")
        if self.path == "/page":
            self.send_header("X-Cache", "HIT" if count % 2 == 0 else "miss")
        self.end_headers()
        self.wfile.write(b"ok")


@pytest.fixture
def server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.lock = threading.Lock()
    server.answered = {"/page": 0, "/broken": 0, "/away": 0}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_counts_every_answer_and_every_error(server):
    result = generate_load("127.0.0.1", server.server_port, ["/page", "/broken", "/away"], clients=3, seconds=1.0)

    answered = server.answered
    assert result.requests == sum(answered.values())
    assert result.requests > 30
    # A 500 and a redirect are both errors: the benchmark expects the page itself.
    assert result.errors == answered["/broken"] + answered["/away"]
    assert result.failures == {500: answered["/broken"], 302: answered["/away"]}
    assert len(result.latencies_ms) == answered["/page"]
    assert result.cache["hit"] + result.cache["miss"] == answered["/page"]
    assert result.hit_share == pytest.approx(answered["/page"] // 2 / answered["/page"])
    assert 0 < result.p50 <= result.p95
    assert result.per_second == pytest.approx(result.requests / result.seconds)


def test_a_server_that_is_not_there_gives_only_errors(server):
    port = server.server_port
    server.shutdown()
    server.server_close()

    result = generate_load("127.0.0.1", port, ["/page"], clients=2, seconds=0.5)

    assert result.requests == result.errors > 0
    assert set(result.failures) == {"ConnectionRefusedError"}
    assert result.latencies_ms == []
    assert result.hit_share is None
