"""Screenshots of the fans' pages for the README, from `make run`'s demo.

    .venv/bin/python docs/screenshots/take.py [http://127.0.0.1:8000]

Headless Debian Chromium through Playwright; WebP to keep the repository small.
"""

import io
import pathlib
import sys

from PIL import Image
from playwright.sync_api import sync_playwright

HERE = pathlib.Path(__file__).parent
PAGES = {
    "home": "/",
    "report": "/reports/crash-and-first-points-in-the-wtcr-premiere/",
    "driver": "/drivers/jessica-backman/",
}
SIZES = {"phone": (360, 800), "desktop": (1280, 900)}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main(base="http://127.0.0.1:8000"):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        for size, (width, height) in SIZES.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            for name, path in PAGES.items():
                page.goto(base + path, wait_until="networkidle")
                png = page.screenshot()
                image = Image.open(io.BytesIO(png)).convert("RGB")
                image.save(HERE / f"{name}-{size}.webp", quality=82, method=6)
                print(f"{name}-{size}.webp")
            context.close()
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
