"""PostgreSQL restarting: readers get "try again in a moment" in their language (503, no trace),
and the site comes back by itself once the database answers again.

Nothing is simulated: the site runs under gunicorn, as in production, with connections kept
between requests (CONN_MAX_AGE) and health-checked; it reaches the suite's PostgreSQL database
through a TCP relay that the test cuts (every connection dropped, new ones refused) and restores.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.db import connection

from tests.tcp_proxy import TCPProxy

pytestmark = [
    pytest.mark.skipif(not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"), reason="PostgreSQL"),
    # The test database, with its demo content: gunicorn reads what the suite's set-up committed.
    pytest.mark.django_db,
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def site_through_a_relay(tmp_path):
    """gunicorn serving the suite's test database (its demo content) through a TCP relay."""
    database = connection.settings_dict
    relay = TCPProxy(database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432))
    port = free_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "caserurale.settings.test",
        "DATABASE_URL": f"postgres://{database['USER']}@127.0.0.1:{relay.port}/{database['NAME']}",
        "DATABASE_CONN_MAX_AGE": "600",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "caserurale.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=environment,
        stdout=(tmp_path / "gunicorn.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if fetch(base + "/")[0] == 200:
                break
        except OSError:
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("gunicorn did not start: " + (tmp_path / "gunicorn.log").read_text())
    yield base, relay
    server.terminate()
    server.wait(timeout=20)
    relay.cut()


def test_readers_are_asked_to_try_again_in_their_language_and_the_site_comes_back(site_through_a_relay):
    base, relay = site_through_a_relay
    assert fetch(base + "/")[0] == 200
    assert fetch(base + "/rcf/")[0] == 200

    relay.cut()  # PostgreSQL goes away: kept connections dropped, new ones refused

    status, headers, body = fetch(base + "/agenda/")
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert '<html lang="fr">' in body and "Réessayez dans un instant" in body
    assert "Traceback" not in body and "OperationalError" not in body
    status, _, body = fetch(base + "/rcf/")
    assert status == 503
    assert '<html lang="rcf">' in body and "Ésèy ankor dann in ti moman" in body

    relay.restore()  # PostgreSQL is back: the very next request is served, no restart needed

    status, _, body = fetch(base + "/agenda/")
    assert status == 200 and "Réessayez" not in body
    assert fetch(base + "/rcf/")[0] == 200
