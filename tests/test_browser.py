"""What a reader sees, checked in a real browser (Debian's chromium, driven by Playwright).

The built site is served on 127.0.0.1 under the same path as the published one
(site_url's /dlnotes/). Every request the browser makes is recorded: none may
leave 127.0.0.1 and none may fail. Skipped where chromium is not installed,
unless $DLNOTES_REQUIRE_BROWSER is set (CI sets it: .ci/run installs chromium).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import yaml

from tests.docexec import ROOT
from tests.test_site import PAGES, page_dir

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    if os.environ.get("DLNOTES_REQUIRE_BROWSER"):
        pytest.fail("DLNOTES_REQUIRE_BROWSER is set but no chromium is installed", pytrace=False)
    pytest.skip("no chromium here (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Page, sync_playwright  # noqa: E402

pytestmark = pytest.mark.site

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
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
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
_ZH = [page_dir(page) for page in PAGES]
EVERY_PAGE = _ZH + [f"en/{path}" for path in _ZH] + ["notebooks/dbn/", "en/notebooks/spiral/"]
_REQUESTS: dict[str, list[str]] = {}


@pytest.fixture(scope="module", autouse=True)
def _record_requests():
    """Write every page's requests to the artefacts folder (.cache/artifacts/ or $DLNOTES_ARTIFACTS)."""
    yield
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "browser-requests.json").write_text(json.dumps(_REQUESTS, indent=1), encoding="utf-8")


@pytest.mark.parametrize("path", EVERY_PAGE)
def test_every_page_as_a_reader_gets_it(page, base_url, path) -> None:
    """Only this site's files, no failed request, no console error, the right lang, maths typeset,
    every figure loaded and described, and a language switch that leads to the same page."""
    page.goto(base_url + path, wait_until="networkidle")
    rec = page.recorder
    _REQUESTS[path] = rec.requests
    outside = [u for u in rec.requests if urlparse(u).hostname != "127.0.0.1" and not u.startswith("data:")]
    assert outside == []
    assert rec.failures == []
    assert rec.errors == []
    english = path.startswith("en/")
    assert page.locator("html").get_attribute("lang") == ("en" if english else "zh")
    assert page.locator(".katex-error").count() == 0
    prose = page.eval_on_selector(
        ".md-content", "el => { const c = el.cloneNode(true); c.querySelectorAll('pre, code, .katex').forEach("
        "e => e.remove()); return c.innerText; }")
    assert "$$" not in prose, "maths left untypeset"
    for image in page.locator(".md-content img").all():
        assert image.get_attribute("alt"), "a figure without alt text"
        assert image.evaluate("img => img.complete && img.naturalWidth > 0"), image.get_attribute("src")[:80]
    other = page.get_attribute(f"a.md-select__link[hreflang={'zh' if english else 'en'}]", "href")
    twin = path.removeprefix("en/") if english else f"en/{path}"
    assert urlparse(urljoin(page.url, other)).path == urlparse(base_url + twin).path


@pytest.mark.parametrize("path", ["tensors/", "en/tensors/"])
def test_maths_is_typeset_by_katex(page, base_url, path) -> None:
    page.goto(base_url + path, wait_until="networkidle")
    page.wait_for_selector(".arithmatex .katex", timeout=10_000)
    assert page.locator(".arithmatex").count() == page.locator(".arithmatex .katex").count() > 0
    assert page.locator(".katex-error").count() == 0
    # The KaTeX fonts came from this site, and the browser used them.
    assert any("/assets/katex/fonts/" in u for u in page.recorder.requests)


def _search(page: Page, base_url: str, root: str, query: str) -> list[str]:
    page.goto(f"{base_url}{root}?q={query}", wait_until="networkidle")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return [urlparse(h).path for h in page.eval_on_selector_all(
        ".md-search-result__item > a", "els => els.map(e => e.href)")]


@pytest.mark.parametrize("query", ["张量", "广播", "数据类型", "逐元素"])
def test_chinese_search_finds_chinese_pages(page, base_url, query) -> None:
    hits = _search(page, base_url, "", query)
    assert f"{SITE_PATH}tensors/" in hits
    assert not any(h.startswith(f"{SITE_PATH}en/") for h in hits)


@pytest.mark.parametrize("query", ["tensor", "broadcasting", "matrices", "rounding"])
def test_english_search_finds_english_pages(page, base_url, query) -> None:
    hits = _search(page, base_url, "en/", query)
    assert f"{SITE_PATH}en/tensors/" in hits
    assert all(h.startswith(f"{SITE_PATH}en/") for h in hits)


def test_language_switch_keeps_the_page(page, base_url) -> None:
    page.goto(base_url + "tensors/", wait_until="networkidle")
    page.eval_on_selector("a.md-select__link[hreflang=en]", "a => a.click()")
    page.wait_for_url(f"{base_url}en/tensors/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.eval_on_selector("a.md-select__link[hreflang=zh]", "a => a.click()")
    page.wait_for_url(f"{base_url}tensors/")
    assert page.locator("html").get_attribute("lang") == "zh"


@pytest.mark.parametrize("path", ["notebooks/dbn/", "en/notebooks/rbm/"])
def test_notebook_maths_is_typeset_by_katex(page, base_url, path) -> None:
    page.goto(base_url + path, wait_until="networkidle")
    page.wait_for_selector(".jp-MarkdownOutput .katex", timeout=10_000)
    assert page.locator(".katex-error").count() == 0
    prose = " ".join(page.locator(".jp-MarkdownOutput").all_inner_texts())
    assert "$$" not in prose and "\\sigma" not in prose


def test_chapter_and_notebook_lead_to_each_other(page, base_url) -> None:
    page.goto(base_url + "en/dbn/", wait_until="networkidle")
    colab = page.locator("a.dlnotes-colab")
    assert colab.get_attribute("href").endswith("/notebooks/en/dbn.ipynb") and colab.is_visible()
    page.locator("a.dlnotes-notebook-link").click()
    page.wait_for_url(f"{base_url}en/notebooks/dbn/")
    assert page.locator(".jp-OutputArea-output img").count() >= 1
    page.eval_on_selector("a.md-select__link[hreflang=zh]", "a => a.click()")
    page.wait_for_url(f"{base_url}notebooks/dbn/")
    assert page.locator("html").get_attribute("lang") == "zh"
    page.locator("a.dlnotes-notebook-link").click()
    page.wait_for_url(f"{base_url}dbn/")


@pytest.mark.parametrize(
    "root, query, chapter",
    [
        ("", "梯度消失", "backprop"),
        ("", "受限玻尔兹曼机", "rbm"),
        ("", "自编码器", "autoencoders"),
        ("", "深度信念网络", "dbn"),
        ("en/", "vanishing gradients", "backprop"),
        ("en/", "Boltzmann", "rbm"),
        ("en/", "autoencoder", "autoencoders"),
        ("en/", "fine-tuning", "dbn"),
    ],
)
def test_search_finds_the_chapter_in_the_pages_language(page, base_url, root, query, chapter) -> None:
    hits = _search(page, base_url, root, query)
    assert f"{SITE_PATH}{root}{chapter}/" in hits[:3], hits[:5]
    assert all(h.startswith(f"{SITE_PATH}en/") == (root == "en/") for h in hits)


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", ["", "en/", "spiral/", "en/spiral/"])
def test_screenshots_light_and_dark(browser, base_url, path, scheme) -> None:
    """Screenshots of the home page and a chapter, each language, light and dark, as artefacts.

    The README shows copies of these (docs/assets/images/); refresh them from
    .cache/artifacts/screenshots/ after a visible change.
    """
    media = "dark" if scheme == "slate" else "light"
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=media)
    try:
        page = context.new_page()
        page.goto(base_url + path, wait_until="networkidle")
        assert page.eval_on_selector("body", "b => b.getAttribute('data-md-color-scheme')") == scheme
        name = {"": "home-zh", "en/": "home-en", "spiral/": "spiral-zh", "en/spiral/": "spiral-en"}[path]
        out = ARTIFACTS / "screenshots" / f"{name}-{media}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        assert out.stat().st_size > 20_000  # a rendered page, not a blank one
    finally:
        context.close()
