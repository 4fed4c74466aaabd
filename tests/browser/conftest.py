"""Headless Chromium (Debian's package) driven by Playwright; axe-core and the Nu HTML Checker from npm."""

import os
import shutil
from pathlib import Path

import pytest

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
    """test_every_page runs last, after pytest-django has put the tests in its order: it seeds the
    demo site and signs its visitors in once for all its tests, which commits; no test after it
    should see those sessions, invitations or registrations."""
    items.sort(key=lambda item: item.nodeid.startswith("tests/browser/test_every_page.py"))
