"""Search, the links between languages and notebooks, maths and screenshots, in a real browser.

tests/browser.py says how; tests/test_browser_pages.py checks every page as a reader gets it.
"""

from __future__ import annotations

import pytest

from tests.browser import ARTIFACTS, SITE_PATH, load_all

pytestmark = pytest.mark.site


_HITS = "() => [...document.querySelectorAll('.md-search-result__item > a')].map(a => new URL(a.href).pathname)"
CHINESE = ["张量", "广播", "数据类型", "逐元素"]
ENGLISH = ["tensor", "broadcasting", "matrices", "rounding"]
CHAPTERS = [
    ("", "梯度消失", "backprop"),
    ("", "受限玻尔兹曼机", "rbm"),
    ("", "自编码器", "autoencoders"),
    ("", "深度信念网络", "dbn"),
    ("en/", "vanishing gradients", "backprop"),
    ("en/", "Boltzmann", "rbm"),
    ("en/", "autoencoder", "autoencoders"),
    ("en/", "fine-tuning", "dbn"),
]
QUERIES = [("", q) for q in CHINESE] + [("en/", q) for q in ENGLISH] + [(root, q) for root, q, _ in CHAPTERS]


@pytest.fixture(scope="module")
def hits(browser, base_url) -> dict[tuple[str, str], list[str]]:
    """The result links of every query, as a reader gets them: the first query of each language
    from the address (``?q=``), the others typed into the search box of the same tab."""
    found = {}
    for root in dict.fromkeys(root for root, _ in QUERIES):
        queries = [query for r, query in QUERIES if r == root]
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(f"{base_url}{root}?q={queries[0]}", wait_until="networkidle")
        box = tab.locator(".md-search__input")
        for query in queries:
            if query != queries[0]:
                box.fill("")
                box.press("End")  # Material searches on key events: an empty box clears the results
                tab.wait_for_selector(".md-search-result__item", state="detached", timeout=10_000)
                box.fill(query)
                box.press("End")
            tab.wait_for_selector(".md-search-result__item", timeout=10_000)
            found[root, query] = tab.evaluate(_HITS)
        context.close()
    return found


@pytest.mark.parametrize("query", CHINESE)
def test_chinese_search_finds_chinese_pages(hits, query) -> None:
    found = hits["", query]
    assert f"{SITE_PATH}tensors/" in found
    assert not any(h.startswith(f"{SITE_PATH}en/") for h in found)


@pytest.mark.parametrize("query", ENGLISH)
def test_english_search_finds_english_pages(hits, query) -> None:
    found = hits["en/", query]
    assert f"{SITE_PATH}en/tensors/" in found
    assert all(h.startswith(f"{SITE_PATH}en/") for h in found)


def test_language_switch_keeps_the_page(page, base_url) -> None:
    page.goto(base_url + "tensors/", wait_until="networkidle")
    page.eval_on_selector("a.md-select__link[hreflang=en]", "a => a.click()")
    page.wait_for_url(f"{base_url}en/tensors/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.eval_on_selector("a.md-select__link[hreflang=zh]", "a => a.click()")
    page.wait_for_url(f"{base_url}tensors/")
    assert page.locator("html").get_attribute("lang") == "zh"


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


@pytest.mark.parametrize("root, query, chapter", CHAPTERS)
def test_search_finds_the_chapter_in_the_pages_language(hits, root, query, chapter) -> None:
    found = hits[root, query]
    assert f"{SITE_PATH}{root}{chapter}/" in found[:3], found[:5]
    assert all(h.startswith(f"{SITE_PATH}en/") == (root == "en/") for h in found)


@pytest.mark.parametrize("path", ["tensors/", "en/tensors/"])
def test_maths_is_typeset_by_katex(page, base_url, path) -> None:
    page.goto(base_url + path, wait_until="networkidle")
    page.wait_for_selector(".arithmatex .katex", timeout=10_000)
    assert page.locator(".arithmatex").count() == page.locator(".arithmatex .katex").count() > 0
    assert page.locator(".katex-error").count() == 0
    # The KaTeX fonts came from this site, and the browser used them.
    assert any("/assets/katex/fonts/" in u for u in page.recorder.requests)


@pytest.mark.parametrize("path", ["notebooks/dbn/", "en/notebooks/rbm/"])
def test_notebook_maths_is_typeset_by_katex(page, base_url, path) -> None:
    page.goto(base_url + path, wait_until="networkidle")
    page.wait_for_selector(".jp-MarkdownOutput .katex", timeout=10_000)
    assert page.locator(".katex-error").count() == 0
    prose = " ".join(page.locator(".jp-MarkdownOutput").all_inner_texts())
    assert "$$" not in prose and "\\sigma" not in prose


SHOTS = {"": "home-zh", "en/": "home-en", "spiral/": "spiral-zh", "en/spiral/": "spiral-en"}


@pytest.fixture(scope="module")
def screenshots(browser, base_url) -> dict[tuple[str, str], dict]:
    """Screenshots of the home page and a chapter, each language, light and dark (taken at the same time).

    They are artefacts (.cache/artifacts/screenshots/); the README shows copies
    (.github/screenshots/): refresh those after a visible change.
    """
    taken = {}
    for scheme, media in [("default", "light"), ("slate", "dark")]:
        def shoot(url: str, tab, media=media) -> None:
            out = ARTIFACTS / "screenshots" / f"{SHOTS[url.removeprefix(base_url)]}-{media}.png"
            out.parent.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(out))

        views = load_all(browser, [base_url + path for path in SHOTS],
                         "() => ({scheme: document.body.getAttribute('data-md-color-scheme')})",
                         then=shoot, viewport={"width": 1280, "height": 800}, color_scheme=media)
        for url, view in views.items():
            path = url.removeprefix(base_url)
            taken[path, scheme] = {**view, "file": ARTIFACTS / "screenshots" / f"{SHOTS[path]}-{media}.png"}
    return taken


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", list(SHOTS))
def test_screenshots_light_and_dark(screenshots, path, scheme) -> None:
    shot = screenshots[path, scheme]
    assert shot["scheme"] == scheme, "the page follows the reader's colour scheme"
    assert shot["file"].stat().st_size > 20_000  # a rendered page, not a blank one
