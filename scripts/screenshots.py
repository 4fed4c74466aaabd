"""Screenshots of pages at phone and desktop widths, to look at what we build.

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 / /rcf/ /le-projet/

Writes screenshots/<path>-<width>.png (full page) with Debian's headless Chromium.
"""

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

WIDTHS = (375, 1280)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main(base_url, paths, out=Path("screenshots")):
    out.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900})
            for path in paths:
                page.goto(base_url.rstrip("/") + path)
                name = path.strip("/").replace("/", "_") or "home"
                target = out / f"{name}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target)
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:] or ["/"])
