"""Take the README's picture of a report: docs/img/stance_matrix.png.

    make report   # the demo corpus in seeds/ into reports/
    .venv/bin/python docs/screenshot.py reports/stance_matrix.html docs/img/stance_matrix.png

Uses Python playwright with Debian's chromium (never `playwright install`) and no network: the
report is self-contained. Screenshots the report's header and heatmap, 1200 px wide.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main(report: str, png: str) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(Path(report).resolve().as_uri())
        page.wait_for_selector(".plotly-graph-div .main-svg")
        figure = page.locator(".plotly-graph-div").first
        top = page.locator("h1").first.bounding_box()["y"] - 20
        box = figure.bounding_box()
        bottom = box["y"] + box["height"] + 5
        clip = {"x": 0, "y": top, "width": 1200, "height": bottom - top}
        page.screenshot(path=png, clip=clip, full_page=True)
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:3])
