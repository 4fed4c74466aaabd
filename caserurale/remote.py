"""Fetch a document from an address a partner gave us, without letting them reach our own network.

A partner's calendar address is a server-side request made on their behalf (SSRF): it must not
reach the database, Redis, the cloud metadata service (169.254.169.254) or anything else that only
trusts the local network. So:

- only http and https, no credentials in the address;
- the host is resolved once with getaddrinfo, and refused if ANY of its addresses is not globally
  routable (IPv4 inside IPv6 — mapped, 6to4, NAT64, Teredo — is unwrapped and judged as IPv4);
- the connection goes to a vetted address: no second DNS lookup, so a name that answers a public
  address first and a private one next (DNS rebinding) gets nowhere; the Host header, TLS SNI and
  certificate check still use the host name;
- redirects are followed by hand and each target is checked again, at most ``max_redirects``;
- connect and read timeouts, plus an overall deadline against servers that drip bytes;
- the body is streamed and abandoned past ``max_bytes``; no compression is asked for.

Failures raise :class:`FetchError` whose ``code`` callers turn into a translated message.
``settings.REMOTE_FETCH_ALLOWED_NETWORKS`` lists networks allowed all the same (tests use a local
server; an intranet calendar could be allowed on purpose).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.conf import settings

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
CHUNK_SIZE = 64 * 1024
USER_AGENT = "LaCaseRurale/1.0 (+https://caserurale.re)"

# Codes of FetchError: stable words, mapped to sentences by whoever shows them.
URL = "url"  # not an address at all
SCHEME = "scheme"  # not http(s), or credentials in the address
RESOLVE = "resolve"  # the host name does not resolve
ADDRESS = "address"  # the host is (also) a local, private or reserved address
REDIRECTS = "redirects"  # too many redirects, or a redirect without a target
TOO_LARGE = "too_large"
TIMEOUT = "timeout"
HTTP_STATUS = "http_status"  # the server answered something other than 200 or 304
TLS = "tls"  # certificate or TLS handshake refused
CONNECTION = "connection"  # refused, reset, or not HTTP


class FetchError(Exception):
    def __init__(self, code, detail=""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = str(detail)


@dataclass
class FetchResult:
    body: bytes
    url: str  # after redirects
    status: int  # 200, or 304 when the conditional request says nothing changed
    headers: dict = field(default_factory=dict)  # lower-case names

    @property
    def not_modified(self):
        return self.status == 304


# --- Addresses ----------------------------------------------------------------------------------

NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _allowed_networks():
    return [ipaddress.ip_network(network, strict=False) for network in settings.REMOTE_FETCH_ALLOWED_NETWORKS]


def _embedded_ipv4(address):
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64, Teredo client), or None."""
    if address.version != 6:
        return None
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.teredo:
        return address.teredo[1]
    return None


def is_public_address(address, allowed=None):
    """Whether ``address`` is globally routable (or in an allowed network)."""
    address = ipaddress.ip_address(address)
    if allowed is None:
        allowed = _allowed_networks()
    if any(address.version == network.version and address in network for network in allowed):
        return True
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        # Judged as the IPv4 address it reaches; the allowed list only applies to addresses as given.
        return is_public_address(embedded, allowed=[])
    return address.is_global and not (address.is_multicast or address.is_reserved or address.is_unspecified)


@dataclass(frozen=True)
class Target:
    url: str
    scheme: str
    host: str  # IDNA-encoded, as sent in Host and SNI
    port: int
    path: str  # path and query
    addresses: tuple  # vetted IP addresses, as text


def check_url(url):
    """Parse and vet ``url``; return the :class:`Target` to connect to, or raise FetchError.

    No connection is made: the host name is only resolved.
    """
    if not isinstance(url, str) or not url.strip() or len(url) > 2000:
        raise FetchError(URL)
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise FetchError(URL, error) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(SCHEME, scheme)
    if parts.username is not None or parts.password is not None:
        raise FetchError(SCHEME, "credentials")
    if not parts.hostname:
        raise FetchError(URL, "no host")
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchError(URL, "host") from None
    port = port or (443 if scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError) as error:
        raise FetchError(RESOLVE, error) from None
    # Zone indexes ("fe80::1%eth0") are dropped before judging: the address part decides.
    addresses = tuple(dict.fromkeys(info[4][0].split("%")[0] for info in infos))
    if not addresses:
        raise FetchError(RESOLVE, host)
    allowed = _allowed_networks()
    refused = [address for address in addresses if not is_public_address(address, allowed)]
    if refused:
        raise FetchError(ADDRESS, ", ".join(refused))
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(url=url.strip(), scheme=scheme, host=host, port=port, path=path, addresses=addresses)


# --- Connections pinned to a vetted address ------------------------------------------------------


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to ``address`` while speaking to ``host``: no DNS lookup of its own."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.pinned_address = address

    def connect(self):
        self.sock = socket.create_connection((self.pinned_address, self.port), self.timeout)


class _PinnedHTTPSConnection(_PinnedHTTPConnection):
    default_port = 443

    def connect(self):
        super().connect()
        context = ssl.create_default_context()
        # SNI and the certificate check use the host name, not the address we connected to.
        self.sock = context.wrap_socket(self.sock, server_hostname=self.host)


def _remaining(deadline):
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(TIMEOUT, "deadline")
    return left


def _request(target, headers, *, timeout, deadline, max_bytes):
    """One request, no redirect following: (status, headers, body or b'')."""
    connection_class = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    last_error = None
    for address in target.addresses:
        connection = connection_class(target.host, target.port, address, timeout=min(timeout, _remaining(deadline)))
        try:
            connection.request("GET", target.path, headers=headers)
            response = connection.getresponse()
            status = response.status
            response_headers = {name.lower(): value for name, value in response.getheaders()}
            if status != 200:
                return status, response_headers, b""
            declared = response_headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(TOO_LARGE, declared)
            chunks, size = [], 0
            while True:
                # Each read waits at most `timeout`; the deadline is checked between reads.
                _remaining(deadline)
                chunk = response.read1(CHUNK_SIZE)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(TOO_LARGE, size)
                chunks.append(chunk)
            return status, response_headers, b"".join(chunks)
        except FetchError:
            raise
        except TimeoutError as error:
            raise FetchError(TIMEOUT, error) from None
        except ssl.SSLError as error:
            raise FetchError(TLS, error) from None
        except (ConnectionError, OSError) as error:
            last_error = error  # the next vetted address may answer
        except (http.client.HTTPException, ValueError) as error:
            raise FetchError(CONNECTION, error) from None
        finally:
            connection.close()
    raise FetchError(CONNECTION, last_error)


def fetch(
    url,
    *,
    max_bytes=DEFAULT_MAX_BYTES,
    timeout=10,
    deadline=None,
    max_redirects=3,
    accept="*/*",
    etag="",
    last_modified="",
):
    """GET ``url`` safely (see the module's docstring); return a :class:`FetchResult`.

    ``timeout`` bounds each connect and each read, ``deadline`` (seconds, default three times
    ``timeout``) the whole fetch. With ``etag`` or ``last_modified``, a 304 answer gives a result
    whose ``not_modified`` is true and whose body is empty.
    """
    finish = time.monotonic() + (deadline if deadline is not None else 3 * timeout)
    headers = {"User-Agent": USER_AGENT, "Accept": accept, "Accept-Encoding": "identity", "Connection": "close"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url
    for _hop in range(max_redirects + 1):
        target = check_url(current)
        status, response_headers, body = _request(
            target, headers, timeout=timeout, deadline=finish, max_bytes=max_bytes
        )
        if status in REDIRECT_STATUSES:
            location = response_headers.get("location", "").strip()
            if not location:
                raise FetchError(REDIRECTS, f"{status} without Location")
            current = urljoin(target.url, location)
            continue
        if status in (200, 304):
            return FetchResult(body=body, url=target.url, status=status, headers=response_headers)
        raise FetchError(HTTP_STATUS, status)
    raise FetchError(REDIRECTS, max_redirects)
