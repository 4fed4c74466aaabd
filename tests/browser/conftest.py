"""Headless Chromium (Debian's package) driven by Playwright; axe-core and the Nu HTML Checker from npm."""

import io
import os
import shutil
import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from pytest_django.live_server_helper import LiveServer

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def chromium_path():
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: CI installs Debian's chromium package before the tests.")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    # Playwright's sync API keeps an event loop in the test thread; the test database is
    # still used synchronously there (fixtures, assertions), which Django allows with this.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(scope="session")
def live_site(django_db_setup, django_db_blocker):
    """The demo site behind one live server, for every browser test of this worker.

    The browser tests only read the demo site (or commit what they need once, as test_every_page
    does), so they share one seeded database instead of emptying and seeding it for each test: that
    took a quarter of the suite's time. They run after every other test (see the ordering below), so
    a test that commits and empties the database cannot come between them; the seeding here rebuilds
    the demo once if such a test emptied it before."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", stdout=io.StringIO())
        server = LiveServer("127.0.0.1")
        yield server
        # The server's threads for Chromium's kept-alive connections end once their contexts are
        # closed; they close the shared SQLite connection as they go, which must still be shared then.
        for thread in threading.enumerate():
            if thread.name.endswith("(process_request_thread)"):
                thread.join(timeout=5)
        server.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.failed_requests = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("requestfailed", lambda request: page.failed_requests.append(request.url))
    page.on("response", lambda response: response.status >= 400 and page.failed_requests.append(response.url))
    yield page
    context.close()


def run_axe(page):
    """The axe-core violations of the page, as (rule id, impact, selectors)."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does).")
    # Evaluated by the driver, not added as a <script>: the site's Content Security Policy rightly refuses those.
    page.evaluate(AXE.read_text())
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]][:5])
        for violation in results["violations"]
    ]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The browser tests run last, after pytest-django has put the other tests in its order (those
    that commit last), and test_every_page last of all: they share one live server on the demo site
    (``live_site``), and test_every_page commits the sessions, invitations and registrations its
    pages show, which no other test should see."""

    def rank(item):
        if item.nodeid.startswith("tests/browser/test_every_page.py"):
            return 2
        return 1 if item.nodeid.startswith("tests/browser/") else 0

    items.sort(key=rank)
