"""What a reader sees on every page, checked in a real browser (tests/browser.py says how)."""

from __future__ import annotations

import json
from urllib.parse import urljoin, urlparse

import pytest

from tests.browser import ARTIFACTS, load_all
from tests.test_site import PAGES, page_dir

pytestmark = pytest.mark.site

_ZH = [page_dir(page) for page in PAGES]
EVERY_PAGE = _ZH + [f"en/{path}" for path in _ZH] + ["notebooks/dbn/", "en/notebooks/spiral/"]
_FACTS = """() => {
  const prose = document.querySelector(".md-content").cloneNode(true);
  prose.querySelectorAll("pre, code, .katex").forEach(e => e.remove());
  const images = [...document.querySelectorAll(".md-content img")];
  return {
    lang: document.documentElement.lang,
    katexErrors: document.querySelectorAll(".katex-error").length,
    prose: prose.innerText,
    images: images.map(i => ({src: i.src.slice(0, 80), alt: i.alt, loaded: i.complete && i.naturalWidth > 0})),
    switch: Object.fromEntries([...document.querySelectorAll("a.md-select__link[hreflang]")]
                                 .map(a => [a.hreflang, a.href])),
  };
}"""


@pytest.fixture(scope="module")
def readers_view(browser, base_url) -> dict[str, dict]:
    """Every page as a reader gets it (loaded many at a time); every page's requests go to the artefacts."""
    views = load_all(browser, [base_url + path for path in EVERY_PAGE], _FACTS)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    requests = {url.removeprefix(base_url): view["requests"] for url, view in views.items()}
    (ARTIFACTS / "browser-requests.json").write_text(json.dumps(requests, indent=1), encoding="utf-8")
    return {url.removeprefix(base_url): view for url, view in views.items()}


@pytest.mark.parametrize("path", EVERY_PAGE)
def test_every_page_as_a_reader_gets_it(readers_view, base_url, path) -> None:
    """Only this site's files, no failed request, no console error, the right lang, maths typeset,
    every figure loaded and described, and a language switch that leads to the same page."""
    view = readers_view[path]
    outside = [u for u in view["requests"] if urlparse(u).hostname != "127.0.0.1" and not u.startswith("data:")]
    assert outside == []
    assert view["failures"] == []
    assert view["errors"] == []
    english = path.startswith("en/")
    assert view["lang"] == ("en" if english else "zh")
    assert view["katexErrors"] == 0
    assert "$$" not in view["prose"], "maths left untypeset"
    for image in view["images"]:
        assert image["alt"], "a figure without alt text"
        assert image["loaded"], image["src"]
    other = view["switch"]["zh" if english else "en"]
    twin = path.removeprefix("en/") if english else f"en/{path}"
    assert urlparse(urljoin(view["url"], other)).path == urlparse(base_url + twin).path
