"""The browser the browser tests share (Debian's chromium, driven by Playwright), and the site it reads.

The built site is served on 127.0.0.1 under the same path as the published one
(site_url's /dlnotes/). Every request the browser makes is recorded: none may
leave 127.0.0.1 and none may fail. Skipped where chromium is not installed,
unless $CI is set (tests/tools.py; .ci/run installs chromium and sets it).

The checks are in tests/test_browser_pages.py and tests/test_browser_features.py,
two files so that the two test workers share the browser work; the root
conftest.py loads this module as a plugin, for its fixtures. Pages load
concurrently (:func:`load_all`): a page's time is mostly waiting for the
network to go quiet, which many tabs can do at once.
"""

from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from playwright.sync_api import Page, sync_playwright  # noqa: E402

from pipeline.page import ROOT
from tests.tools import require

SITE_PATH = urlparse(
    yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["site_url"]
).path
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class _Handler(SimpleHTTPRequestHandler):
    """Serve the site under SITE_PATH, as the published site is."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(SITE_PATH):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(SITE_PATH):])

    def log_message(self, *args) -> None:  # keep pytest's output clean
        pass


@pytest.fixture(scope="module")
def base_url(site: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SITE_PATH}"
    server.shutdown()
    server.server_close()


class Recorder:
    """Every request, failed response and console error of one page."""

    def __init__(self, page: Page) -> None:
        self.requests: list[str] = []
        self.failures: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("response", lambda r: r.status >= 400 and self.failures.append(f"{r.status} {r.url}"))
        page.on("requestfailed", lambda r: self.failures.append(f"failed {r.url}"))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))


@pytest.fixture(scope="module")
def browser():
    chromium = require("chromium", "chromium-browser", install="apt-get install chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.recorder = Recorder(page)
    yield page
    context.close()


ARTIFACTS = Path(os.environ.get("DLNOTES_ARTIFACTS", ROOT / ".cache" / "artifacts"))


def load_all(browser, urls: list[str], script: str, ready: str | None = None, batch: int = 8,
             then=None, **context_options) -> dict[str, dict]:
    """Open each URL in its own context, ``batch`` tabs at a time; return what ``script`` finds on each.

    A tab is read once the network has been quiet for 500 ms (and ``ready``, a
    selector, is on the page): the tabs load and wait at the same time. Each
    result also holds the tab's final ``url``, its ``requests``, ``failures`` and
    console ``errors``. ``then(url, tab)``, if given, runs on each tab before it closes.
    """
    views: dict[str, dict] = {}
    for start in range(0, len(urls), batch):
        tabs = []
        for url in urls[start : start + batch]:
            context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context_options})
            tab = context.new_page()
            tabs.append((url, context, tab, Recorder(tab)))
            tab.goto(url, wait_until="commit")
        for url, context, tab, recorder in tabs:
            tab.wait_for_load_state("networkidle")
            if ready:
                tab.wait_for_selector(ready, timeout=10_000)
            views[url] = {**tab.evaluate(script), "url": tab.url, "requests": recorder.requests,
                          "failures": recorder.failures, "errors": recorder.errors}
            if then is not None:
                then(url, tab)
            context.close()
    return views
