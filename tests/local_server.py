"""A real HTTP server on 127.0.0.1, in a thread, for the tests of remote fetches and imports.

It serves files from a folder (each test may swap what a path answers with ``server.routes``) and a
few misbehaving addresses: redirects, an endless body, a server that stalls, one that drips.
"""

import email.utils
import hashlib
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit


class Handler(BaseHTTPRequestHandler):
    server_version = "TestCalendarServer/1.0"

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        server = self.server
        server.requests.append((self.path, dict(self.headers.items())))
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if parts.path in server.routes:
            status, headers, body = server.routes[parts.path]
            return self.answer(status, body, headers)
        if parts.path == "/redirect":
            return self.answer(302, b"", {"Location": query["to"][0]})
        if parts.path.startswith("/hops/"):
            left = int(parts.path.rsplit("/", 1)[1])
            target = f"/hops/{left - 1}" if left > 0 else "/calendars/google.ics"
            return self.answer(301, b"", {"Location": target})
        if parts.path == "/endless":
            return self.endless(declare_length=query.get("declare", ["no"])[0] == "yes")
        if parts.path == "/stall":
            time.sleep(float(query.get("seconds", ["3"])[0]))
            return self.answer(200, b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        if parts.path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"X")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
            return None
        if parts.path.startswith("/calendars/"):
            path = server.folder / parts.path.removeprefix("/calendars/")
            if path.is_file() and server.folder in path.resolve().parents:
                return self.file(path)
        return self.answer(404, b"not found")

    def file(self, path):
        body = path.read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        modified = email.utils.formatdate(path.stat().st_mtime, usegmt=True)
        if self.headers.get("If-None-Match") == etag:
            return self.answer(304, b"", {"ETag": etag})
        content_type = "text/html; charset=utf-8" if path.suffix == ".html" else "text/calendar; charset=utf-8"
        return self.answer(200, body, {"Content-Type": content_type, "ETag": etag, "Last-Modified": modified})

    def endless(self, declare_length):
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        if declare_length:
            self.send_header("Content-Length", str(50 * 1024 * 1024))
        self.end_headers()
        chunk = b"X" * 65536
        try:
            for _ in range(800):  # 50 MB at most, in case the client never stops
                self.wfile.write(chunk)
        except OSError:
            pass

    def answer(self, status, body, headers=None):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, folder):
        super().__init__(("127.0.0.1", 0), Handler)
        self.folder = Path(folder).resolve()
        self.routes = {}  # path → (status, headers, body), checked first
        self.requests = []  # (path, headers) of every request received

    def handle_error(self, request, client_address):
        """A client that hangs up on purpose (size cap, timeout) is not an error worth printing."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def url(self, path):
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


def start(folder):
    server = LocalServer(folder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
