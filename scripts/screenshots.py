"""Screenshots of pages at phone and desktop widths, to look at what we build.

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 / /rcf/ /le-projet/
    .venv/bin/python scripts/screenshots.py --login EMAIL:PASSWORD http://127.0.0.1:8000 /extranet/

Writes screenshots/<path>-<width>.png (full page) with Debian's headless Chromium.
"""

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

WIDTHS = (375, 1280)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main(base_url, paths, out=Path("screenshots"), login=None):
    """``login``: (e-mail, password) to sign in to the extranet first."""
    out.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900})
            if login:
                page.goto(base_url.rstrip("/") + "/extranet/connexion/")
                page.fill('input[name="username"]', login[0])
                page.fill('input[name="password"]', login[1])
                page.locator('form button[type="submit"]').last.click()
                page.wait_for_load_state()
            for path in paths:
                page.goto(base_url.rstrip("/") + path)
                name = path.strip("/").replace("/", "_") or "home"
                target = out / f"{name}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target)
            page.close()
        browser.close()


if __name__ == "__main__":
    arguments = sys.argv[1:]
    credentials = None
    if arguments and arguments[0] == "--login":
        credentials = tuple(arguments[1].split(":", 1))
        arguments = arguments[2:]
    main(arguments[0], arguments[1:] or ["/"], login=credentials)
