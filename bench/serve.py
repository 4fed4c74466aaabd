"""Throughput under load: gunicorn with the production settings (bench/settings.py) on the benchmark's
database, 2 workers on a free local port, driven by bench/load.py; once with the anonymous page
cache off (PAGE_CACHE_SECONDS=0) and once on (300 s)."""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.load import generate_load

ROOT = Path(__file__).resolve().parent.parent
# The production session cookie (caserurale/settings/production.py); a wrong name shows as errors.
SESSION_COOKIE = "__Host-sessionid"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(database_url, secret_key, page_cache_seconds):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "PAGE_CACHE_SECONDS": str(page_cache_seconds),
    }
    return environment


def collect_static(environment):
    """Fingerprinted, compressed static files for whitenoise, as the Docker image builds them."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )


@contextlib.contextmanager
def gunicorn(environment, workers=2):
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "caserurale.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=environment,
    )
    try:
        wait_until_answering(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_until_answering(port, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer on port {port} within {seconds} s")


def partner_session(user, secret_key):
    """A signed-in session for ``user``, signed with the server's key, as the login form leaves it."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.test.utils import override_settings

    with override_settings(SECRET_KEY=secret_key):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
    return session.session_key


def check_answers(port, path, headers):
    """Fail loudly before measuring when a page does not answer 200 (a lost session redirects)."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    if status != 200:
        raise RuntimeError(f"{path} answered {status} under gunicorn")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def cache_backend(environment):
    if environment.get("CACHE_URL") or environment.get("REDIS_URL"):
        return f"Redis ({environment.get('CACHE_URL') or environment.get('REDIS_URL')})"
    return "local memory, one cache per worker"


def measure_load(database_url, member, pages, extranet_pages, seconds, clients=4, progress=None):
    """Rows (run, page, requests/s, p50, p95, errors, share of X-Cache hits) for each page and run."""
    secret_key = secrets.token_urlsafe(40)
    cookie = {"Cookie": f"{SESSION_COOKIE}={partner_session(member, secret_key)}"}
    environment = server_environment(database_url, secret_key, 0)
    collect_static(environment)
    print(f"  gunicorn: 2 workers, {clients} concurrent clients, {seconds:g} s per page")
    print(f"  cache backend: {cache_backend(environment)}")
    visits = [(page, {}) for page in pages] + [(page, cookie) for page in extranet_pages]
    rows = []
    for run, cache_seconds in (("uncached", 0), ("cached", 300)):
        environment["PAGE_CACHE_SECONDS"] = str(cache_seconds)
        with gunicorn(environment) as port:
            for done, (page, headers) in enumerate(visits, start=1):
                check_answers(port, page, headers)
                result = generate_load("127.0.0.1", port, [page], clients=clients, seconds=seconds, headers=headers)
                rows.append((run, page, result))
                if progress:
                    progress(f"load, {run}", done, len(visits))
    print()
    print(f"{'run':>9} {'page':<46} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'requests':>8} {'errors':>6} {'hits':>5}")
    for run, page, result in rows:
        hits = "-" if result.hit_share is None else f"{result.hit_share:.0%}"
        failures = ", ".join(f"{count} × {what}" for what, count in result.failures.items())
        print(
            f"{run:>9} {page:<46} {result.per_second:>7.1f} {result.p50:>8.1f} {result.p95:>8.1f}"
            f" {result.requests:>8} {result.errors:>6} {hits:>5}" + (f"  ({failures})" if failures else "")
        )
    print("  hits: share of answers with X-Cache: hit, or - when the server sends no X-Cache header")
    return rows
