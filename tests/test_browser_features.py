"""Search, the links between languages and notebooks, and screenshots, in a real browser.

tests/browser.py says how; tests/test_browser_pages.py checks every page as a reader gets it.
"""

from __future__ import annotations

import functools
from importlib import metadata
from pathlib import Path

import pytest

from tests.browser import ARTIFACTS, SEARCH_INDEX, SITE_PATH, load_all, typeset

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
def hits(memory, tab, origin) -> dict[tuple[str, str], list[str]]:
    """The result links of every query, as a reader gets them: the first query of each language
    from the address (``?q=``), the others typed into the search box of the same tab."""
    def search(root: str, queries: list[str]) -> dict:
        page = tab()
        page.goto(f"{origin}{SITE_PATH}{root}?q={queries[0]}", wait_until="networkidle")
        box = page.locator(".md-search__input")
        found = {}
        for query in queries:
            if query != queries[0]:
                box.fill("")
                box.press("End")  # Material searches on key events: an empty box clears the results
                page.wait_for_selector(".md-search-result__item", state="detached", timeout=10_000)
                box.fill(query)
                box.press("End")
            page.wait_for_selector(".md-search-result__item", timeout=10_000)
            found[query] = page.evaluate(_HITS)
        page.context.close()
        return {"found": found, **page.recorder.seen()}

    found = {}
    for root in dict.fromkeys(root for root, _ in QUERIES):
        queries = [query for r, query in QUERIES if r == root]
        seen = memory.observe(f"search:{root}", functools.partial(search, root, queries))
        assert seen["failures"] == seen["errors"] == []
        found.update({(root, query): hits for query, hits in seen["found"].items()})
    return found


@pytest.fixture(scope="module")
def by_key(memory, tab, origin) -> dict:
    """The home page read without searching, then "/" pressed and a word typed: when the index came, what was found."""
    def search() -> dict:
        page = tab()
        page.goto(f"{origin}{SITE_PATH}en/", wait_until="networkidle")
        before = [url for url in page.recorder.requests if url.endswith(SEARCH_INDEX)]
        page.keyboard.press("/")  # Material's key for the search box
        page.keyboard.type("broadcasting")
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        found = page.evaluate(_HITS)
        page.context.close()
        return {"before": before, "found": found, **page.recorder.seen()}

    return memory.observe("search:by key", search)


def test_the_index_comes_only_when_a_reader_searches(by_key) -> None:
    """docs/javascripts/search-on-demand.js: no index with the page (tests/test_browser_pages.py checks
    every page), then "/" and a word find the chapter."""
    assert by_key["before"] == [] and by_key["failures"] == by_key["errors"] == []
    assert f"{SITE_PATH}en/{SEARCH_INDEX}" in by_key["requests"]
    assert f"{SITE_PATH}en/tensors/" in by_key["found"]


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


_WHERE = "() => [location.pathname, document.documentElement.lang]"


@pytest.fixture(scope="module")
def walks(memory, tab, origin) -> dict[str, list]:
    """Where a reader's clicks lead: the page's path and language after each click (once the
    page has loaded; tests/test_browser_pages.py waits for every page to go quiet)."""
    def switch_languages() -> dict:
        page = tab()
        page.goto(f"{origin}{SITE_PATH}tensors/", wait_until="load")
        steps = []
        for lang in ["en", "zh"]:
            with page.expect_navigation():
                page.eval_on_selector(f"a.md-select__link[hreflang={lang}]", "a => a.click()")
            steps.append(page.evaluate(_WHERE))
        return {"steps": steps, **page.recorder.seen()}

    def chapter_and_notebook() -> dict:
        page = tab()
        page.goto(f"{origin}{SITE_PATH}en/dbn/", wait_until="load")
        colab = page.locator("a.dlnotes-colab")
        steps = [[colab.get_attribute("href"), colab.is_visible()]]
        for click in ["a.dlnotes-notebook-link", "a.md-select__link[hreflang=zh]", "a.dlnotes-notebook-link"]:
            with page.expect_navigation():
                page.eval_on_selector(click, "a => a.click()")
            steps.append(page.evaluate(_WHERE) + [page.locator(".jp-OutputArea-output img").count()])
        return {"steps": steps, **page.recorder.seen()}

    walked = {"switch": memory.observe("walk:switch", switch_languages),
              "notebook": memory.observe("walk:notebook", chapter_and_notebook)}
    for seen in walked.values():
        # A click may leave the page before its last requests finish: the browser aborts those.
        assert [f for f in seen["failures"] if not f.endswith("(net::ERR_ABORTED)")] == []
        assert seen["errors"] == []
    return {name: seen["steps"] for name, seen in walked.items()}


def test_language_switch_keeps_the_page(walks) -> None:
    assert walks["switch"] == [[f"{SITE_PATH}en/tensors/", "en"], [f"{SITE_PATH}tensors/", "zh"]]


def test_chapter_and_notebook_lead_to_each_other(walks) -> None:
    (colab, visible), *steps = walks["notebook"]
    assert colab.endswith("/notebooks/en/dbn.ipynb") and visible
    (notebook, lang, figures), (zh_notebook, zh, _), (chapter, zh_again, _) = steps
    assert (notebook, lang) == (f"{SITE_PATH}en/notebooks/dbn/", "en") and figures >= 1
    assert (zh_notebook, zh) == (f"{SITE_PATH}notebooks/dbn/", "zh")
    assert (chapter, zh_again) == (f"{SITE_PATH}dbn/", "zh")


@pytest.mark.parametrize("root, query, chapter", CHAPTERS)
def test_search_finds_the_chapter_in_the_pages_language(hits, root, query, chapter) -> None:
    found = hits[root, query]
    assert f"{SITE_PATH}{root}{chapter}/" in found[:3], found[:5]
    assert all(h.startswith(f"{SITE_PATH}en/") == (root == "en/") for h in found)


SHOTS = {  # (page, colour scheme) -> screenshot: each page in one scheme, each scheme on a home page and a chapter
    ("", "default"): "home-zh-light", ("en/spiral/", "default"): "spiral-en-light",
    ("en/", "slate"): "home-en-dark", ("spiral/", "slate"): "spiral-zh-dark",
}


@pytest.fixture(scope="module")
def screenshots(memory, tab, origin) -> dict[tuple[str, str], dict]:
    """The four screenshots the README shows (.github/screenshots/), taken at the same time per scheme.

    They are artefacts (.cache/artifacts/screenshots/): copy them to
    .github/screenshots/ after a visible change.
    """
    taken = {}
    for scheme, media in [("default", "light"), ("slate", "dark")]:
        def shoot(path: str, page, scheme=scheme) -> dict:
            shot = f"screenshots/{SHOTS[path, scheme]}.png"
            (ARTIFACTS / shot).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / shot))
            return {"artifacts": [shot]}

        views = load_all(memory, tab, origin, [path for path, s in SHOTS if s == scheme],
                         "() => ({scheme: document.body.getAttribute('data-md-color-scheme')})",
                         name=f"screenshot-{media}:", then=shoot,
                         viewport={"width": 1280, "height": 800}, color_scheme=media)
        for path, view in views.items():
            taken[path, scheme] = {**view, "file": ARTIFACTS / view["artifacts"][0]}
    return taken


@pytest.mark.parametrize("path, scheme", list(SHOTS))
def test_screenshots_light_and_dark(screenshots, path, scheme) -> None:
    shot = screenshots[path, scheme]
    assert shot["scheme"] == scheme, "the page follows the reader's colour scheme"
    assert shot["file"].stat().st_size > 20_000  # a rendered page, not a blank one


# A notebook page carries only the JupyterLab rules that can match it (pipeline/stylesheets.py).
# The proof: JupyterLab's whole stylesheet, put back where the cut one stands, changes no
# computed style of any kind of element in the notebook.
JUPYTERLAB_CSS = Path(metadata.distribution("mkdocs-jupyter").locate_file(
    "mkdocs_jupyter/templates/mkdocs_html/assets/index.css"))
_PUT_BACK = """(css) => {
  const kinds = new Set();  // one element of each kind (its and its parent's tag and classes)
  const notebook = [...document.querySelectorAll(".jupyter-wrapper, .jupyter-wrapper *")].filter((el) => {
    const kind = `${el.parentElement.tagName}.${el.parentElement.className} > ${el.tagName}.${el.className}`;
    return !kinds.has(kind) && kinds.add(kind);
  });
  const styles = () => notebook.map((el) => {
    const style = getComputedStyle(el);
    return Object.fromEntries([...style].map((name) => [name, style.getPropertyValue(name)]));
  });
  const before = styles();
  const cut = [...document.querySelectorAll("style")].find((s) => s.textContent.includes(".jupyter-wrapper{--md-"));
  const whole = document.createElement("style");
  whole.textContent = css;
  cut.before(whole);
  const after = styles(), changed = [];
  notebook.forEach((el, i) => Object.keys(after[i]).forEach((name) => {
    const [was, is] = [before[i][name], after[i][name]];
    if (was !== is) changed.push(`${el.className || el.tagName} ${name}: ${was} -> ${is}`);
  }));
  return {elements: notebook.length, cut: cut.textContent.length, changed};
}"""


@pytest.fixture(scope="module")
def put_back(memory, tab, origin) -> dict:
    def look() -> dict:
        page = typeset(tab, origin, "en/notebooks/dbn/")
        seen = page.evaluate(_PUT_BACK, JUPYTERLAB_CSS.read_text(encoding="utf-8"))
        page.context.close()
        return {**seen, **page.recorder.seen()}

    return memory.observe("notebook-styles:en/notebooks/dbn/", look)


def test_the_cut_notebook_stylesheet_styles_the_notebook_as_the_whole_one_did(put_back) -> None:
    assert put_back["failures"] == put_back["errors"] == []
    assert put_back["elements"] > 100 and put_back["cut"] < JUPYTERLAB_CSS.stat().st_size / 5
    assert put_back["changed"] == [], put_back["changed"][:20]
