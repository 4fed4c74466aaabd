"""Remote fetches reach public addresses only, with size, time and redirect caps (caserurale.remote).

The refused addresses are refused before any connection: an audit hook records every socket
connection the process attempts while a test watches.
"""

import sys
import time

import pytest
from django.test import override_settings

from caserurale import remote
from caserurale.remote import FetchError

LOCAL = override_settings(REMOTE_FETCH_ALLOWED_NETWORKS=["127.0.0.1/32"])

_watched_connections = []
_watching = False


def _record_connections(event, args):
    if _watching and event == "socket.connect":
        _watched_connections.append(args[1])


sys.addaudithook(_record_connections)  # audit hooks cannot be removed: it only records while watching


@pytest.fixture
def connections():
    global _watching
    _watched_connections.clear()
    _watching = True
    yield _watched_connections
    _watching = False


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://127.0.0.1/", remote.ADDRESS),
        ("http://localhost/", remote.ADDRESS),
        ("http://[::1]/", remote.ADDRESS),
        ("http://10.0.0.1/", remote.ADDRESS),
        ("http://192.168.1.1/", remote.ADDRESS),
        ("http://172.16.5.4/", remote.ADDRESS),
        ("http://100.64.1.1/", remote.ADDRESS),
        ("http://169.254.169.254/latest/meta-data", remote.ADDRESS),
        ("http://[::ffff:127.0.0.1]/", remote.ADDRESS),
        ("http://[::ffff:169.254.169.254]/", remote.ADDRESS),
        ("http://[64:ff9b::a9fe:a9fe]/", remote.ADDRESS),  # NAT64 form of 169.254.169.254
        ("http://[2002:c0a8:101::1]/", remote.ADDRESS),  # 6to4 form of 192.168.1.1
        ("http://[fe80::1]/", remote.ADDRESS),
        ("http://[fd00::1]/", remote.ADDRESS),
        ("http://224.0.0.1/", remote.ADDRESS),
        ("http://240.0.0.1/", remote.ADDRESS),
        ("http://0.0.0.0/", remote.ADDRESS),
        ("http://2130706433/", remote.ADDRESS),  # 127.0.0.1 written as one number
        ("http://0x7f.1/", remote.ADDRESS),
        ("ftp://example.org/calendar.ics", remote.SCHEME),
        ("file:///etc/passwd", remote.SCHEME),
        ("gopher://127.0.0.1:6379/_FLUSHALL", remote.SCHEME),
        ("http://user:secret@example.org/", remote.SCHEME),
        ("http:///nothing", remote.URL),
        ("http://example.org:99999/", remote.URL),
        ("not an address", remote.SCHEME),
    ],
)
def test_forbidden_addresses_are_refused_before_any_connection(connections, url, code):
    with pytest.raises(FetchError) as error:
        remote.fetch(url)
    assert error.value.code == code
    assert connections == []


def test_an_allowed_network_does_not_open_the_ipv6_forms_of_its_addresses(connections):
    with LOCAL, pytest.raises(FetchError) as error:
        remote.fetch("http://[::ffff:127.0.0.1]/")
    assert error.value.code == remote.ADDRESS
    assert connections == []


def test_public_addresses_pass_the_check():
    assert remote.is_public_address("93.184.216.34", allowed=[])
    assert remote.is_public_address("2606:4700::1111", allowed=[])
    assert remote.is_public_address("64:ff9b::5db8:d822", allowed=[])  # NAT64 form of a public address
    target = remote.check_url("https://93.184.216.34/agenda.ics?key=1")
    assert (target.host, target.port, target.path, target.addresses) == (
        "93.184.216.34",
        443,
        "/agenda.ics?key=1",
        ("93.184.216.34",),
    )


@LOCAL
def test_a_calendar_is_fetched_from_an_allowed_server(calendar_server, connections):
    result = remote.fetch(calendar_server.url("/calendars/google.ics"), accept="text/calendar")
    assert result.status == 200 and not result.not_modified
    assert result.body.startswith(b"BEGIN:VCALENDAR")
    assert result.headers["content-type"].startswith("text/calendar")
    assert connections == [("127.0.0.1", calendar_server.server_address[1])]
    _path, headers = calendar_server.requests[-1]
    assert headers["Host"] == f"127.0.0.1:{calendar_server.server_address[1]}"
    assert headers["Accept"] == "text/calendar"


@LOCAL
def test_a_conditional_request_answers_not_modified(calendar_server):
    first = remote.fetch(calendar_server.url("/calendars/google.ics"))
    again = remote.fetch(calendar_server.url("/calendars/google.ics"), etag=first.headers["etag"])
    assert again.not_modified and again.body == b""
    assert calendar_server.requests[-1][1]["If-None-Match"] == first.headers["etag"]


@LOCAL
def test_redirects_are_followed_up_to_three(calendar_server):
    result = remote.fetch(calendar_server.url("/hops/2"))
    assert result.url == calendar_server.url("/calendars/google.ics")
    assert result.body.startswith(b"BEGIN:VCALENDAR")
    with pytest.raises(FetchError) as error:
        remote.fetch(calendar_server.url("/hops/3"))  # four redirects
    assert error.value.code == remote.REDIRECTS


@LOCAL
@pytest.mark.parametrize(
    "target",
    ["http://10.0.0.1/", "http://169.254.169.254/latest/meta-data", "http://[::1]:6379/", "file:///etc/passwd"],
)
def test_a_redirect_to_a_forbidden_address_is_refused(calendar_server, connections, target):
    with pytest.raises(FetchError) as error:
        remote.fetch(calendar_server.url(f"/redirect?to={target}"))
    assert error.value.code in (remote.ADDRESS, remote.SCHEME)
    assert connections == [("127.0.0.1", calendar_server.server_address[1])]  # the allowed server only


@LOCAL
@pytest.mark.parametrize("declare", ["yes", "no"])
def test_a_body_over_the_cap_is_refused(calendar_server, declare):
    with pytest.raises(FetchError) as error:
        remote.fetch(calendar_server.url(f"/endless?declare={declare}"), max_bytes=1024 * 1024)
    assert error.value.code == remote.TOO_LARGE


@LOCAL
def test_a_server_that_stalls_times_out(calendar_server):
    started = time.monotonic()
    with pytest.raises(FetchError) as error:
        remote.fetch(calendar_server.url("/stall?seconds=3"), timeout=0.5)
    assert error.value.code == remote.TIMEOUT
    assert time.monotonic() - started < 2


@LOCAL
def test_a_server_that_drips_hits_the_overall_deadline(calendar_server):
    started = time.monotonic()
    with pytest.raises(FetchError) as error:
        remote.fetch(calendar_server.url("/drip"), timeout=1, deadline=1.5)
    assert error.value.code == remote.TIMEOUT
    assert time.monotonic() - started < 3


@LOCAL
def test_an_error_status_is_reported(calendar_server):
    with pytest.raises(FetchError) as error:
        remote.fetch(calendar_server.url("/calendars/missing.ics"))
    assert (error.value.code, error.value.detail) == (remote.HTTP_STATUS, "404")


def test_a_closed_port_is_a_connection_error():
    with override_settings(REMOTE_FETCH_ALLOWED_NETWORKS=["127.0.0.1/32"]), pytest.raises(FetchError) as error:
        remote.fetch("http://127.0.0.1:9/")
    assert error.value.code == remote.CONNECTION
