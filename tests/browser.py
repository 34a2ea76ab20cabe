"""The browser the browser tests share (Debian's chromium, driven by Playwright), the site it reads,
and what it saw, remembered.

The built site is served on 127.0.0.1 under the published path (site_url's /dlnotes/);
every request is recorded (none may leave 127.0.0.1 or fail). Fixtures *observe*
(load pages, type, click) and return plain data that the tests assert on; an
observation is an entry of the ``outcomes`` cache (:class:`Memory`), reused until a
site file it requested, the code that made it or the browser changes. Chromium
starts only when something must be observed; without it the tests skip, or fail
under $CI (tests/tools.py).
"""

import functools
import json
import os
import subprocess
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import pytest

from pipeline.cache import digests, key
from pipeline.page import ROOT
from pipeline.pdf import TYPESET
from pipeline.site import settings
from tests.memo import OUTCOMES, code_reads
from tests.tools import require

if TYPE_CHECKING:  # Playwright itself is imported only when a browser starts
    from playwright.sync_api import Page

SITE_PATH = settings().path
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = Path(os.environ.get("DLNOTES_ARTIFACTS", ROOT / ".cache" / "artifacts"))
SEARCH_INDEX = "search/search_index.json"
class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep pytest's output clean
        pass


@pytest.fixture(scope="module")
def origin(site: Path, tmp_path_factory):
    """``http://127.0.0.1:<port>``, serving the built site under SITE_PATH (a link to it in an empty root)."""
    root, link = tmp_path_factory.mktemp("served"), SITE_PATH.strip("/")
    if link:
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        (root / link).symlink_to(site, target_is_directory=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root if link else site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class Recorder:
    """Every request, failed response and console error of one tab (the test server's as paths)."""

    def __init__(self, tab: "Page", origin: str) -> None:
        self.requests: list[str] = []
        self.failures: list[str] = []
        self.errors: list[str] = []
        local = lambda url: url.removeprefix(origin)  # noqa: E731
        tab.on("request", lambda r: self.requests.append(local(r.url)))
        tab.on("response", lambda r: r.status >= 400 and self.failures.append(f"{r.status} {local(r.url)}"))
        tab.on("requestfailed", lambda r: self.failures.append(f"failed {local(r.url)} ({r.failure})"))
        tab.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        tab.on("pageerror", lambda e: self.errors.append(str(e)))

    def seen(self) -> dict:
        return {"requests": self.requests, "failures": self.failures, "errors": self.errors}

    def take(self) -> dict:
        """What it saw so far, and a fresh start (the tab goes on to another page)."""
        seen, self.requests, self.failures, self.errors = self.seen(), [], [], []
        return seen


@pytest.fixture(scope="module")
def browser():
    chromium = require("chromium", "chromium-browser", install="apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=FLAGS)
        yield browser
        browser.close()


@functools.cache
def _browser_version() -> str:
    """Chromium's, Playwright's and axe-core's versions: part of every observation's key."""
    try:
        chromium = require("chromium", "chromium-browser", install="apt-get install chromium")
    except pytest.skip.Exception:
        return "no chromium"
    shown = subprocess.run([chromium, "--version"], capture_output=True, text=True, timeout=60).stdout
    return " ".join([shown.strip(), *(f"{n} {metadata.version(n)}" for n in ("playwright", "axe-playwright-python"))])


class Memory:
    """A test module's observations: JSON-able dicts with the ``requests`` its tabs made (and maybe
    ``artifacts``, files under ARTIFACTS that must still be there). Key: the module, the name and the
    browser's version; reads: the site files it requested and the code this test process imported."""

    def __init__(self, site: Path, module: Path) -> None:
        self.site, self.module = site, module.stem
        self.made: list[str] = []
        self.reused: list[str] = []

    def _files(self, name: str, requests: list[str]) -> list[Path]:
        """The site files among ``requests`` (a folder means its index.html). Only the ``search:``
        observations depend on the search index (every page's search worker loads it, nothing on
        the page shows it): an edited page is observed again with search, not every page."""
        paths = [urlparse(url).path for url in requests if url.startswith("/")]
        relative = [path[len(SITE_PATH):] for path in paths if path.startswith(SITE_PATH)
                    and (name.startswith("search:") or not path.endswith(SEARCH_INDEX))]
        return [self.site / (r + "index.html" if r.endswith("/") or not r else r) for r in relative]

    def observe(self, name: str, look: Callable[[], dict]) -> dict:
        """The stored observation ``name`` (unless an artefact it names is gone), else ``look()``'s, stored."""
        entry = key("browser", self.module, name, _browser_version())
        seen = OUTCOMES.get(entry)
        if seen is not None and all((ARTIFACTS / a).is_file() for a in seen.get("artifacts", [])):
            self.reused.append(name)
            return seen
        self.made.append(name)
        seen = look()
        return OUTCOMES.put(entry, seen, {**code_reads(), **digests(self._files(name, seen["requests"]))})


@pytest.fixture(scope="module")
def memory(request, site: Path):
    """This module's :class:`Memory`; what it made and reused goes to the artefacts."""
    kept = Memory(site, request.path)
    yield kept
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / f"browser-{request.path.stem}.json"
    log.write_text(json.dumps({"observed": kept.made, "reused": kept.reused}, indent=1), encoding="utf-8")


@pytest.fixture(scope="module")
def tab(request, origin: str):
    """``tab()`` opens a fresh tab (its own context, with a :class:`Recorder` as ``.recorder``);
    chromium starts at the first call. Whoever opens a tab closes its context (else
    the browser does, after the module's tests)."""

    def open_tab(**context_options) -> "Page":
        browser = request.getfixturevalue("browser")
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context_options})
        page = context.new_page()
        page.recorder = Recorder(page, origin)
        return page

    return open_tab


def typeset(tab, origin: str, path: str, **context_options) -> "Page":
    """A fresh tab (``tab(**context_options)``) on ``path`` under SITE_PATH, read once the
    network is quiet and the page's maths is typeset."""
    page = tab(**context_options)
    page.goto(f"{origin}{SITE_PATH}{path}", wait_until="networkidle")
    page.wait_for_selector(TYPESET, state="attached")
    return page


def load_all(memory: Memory, tab, origin: str, paths: list[str], script: str, name: str = "",
             ready: str | None = None, then=None, **context_options) -> dict[str, dict]:
    """What ``script`` finds on each page (paths under SITE_PATH): observation ``name + path``.

    One tab goes from page to page as a reader's does (eight tabs at once took several times
    the processor time); a request served from the browser's cache still counts. A page is
    read once loaded (and ``ready``, a selector, is there), recorded once the network has been
    quiet for 500 ms; ``then(path, tab)`` may return more to keep (``artifacts``). What a page
    stored (a colour scheme chosen) is cleared before the next.
    """
    opened = []

    def look(path: str) -> dict:
        opened[:] = opened or [tab(**context_options)]
        page = opened[0]
        page.goto(origin + SITE_PATH + path, wait_until="load")
        if ready:
            page.wait_for_selector(ready, state="attached", timeout=20_000)
        seen = {**page.evaluate(script), "url": page.url.removeprefix(origin)}
        if then is not None:
            seen.update(then(path, page))
        page.wait_for_load_state("networkidle")
        seen.update(page.recorder.take())
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        return seen

    views = {path: memory.observe(name + path, functools.partial(look, path)) for path in paths}
    for page in opened:
        page.context.close()
    return views
