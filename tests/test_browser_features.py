"""Search, the links between languages and notebooks, and screenshots, in a real browser.

tests/browser.py says how; tests/test_browser_pages.py checks every page as a reader gets it.
"""

import functools

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


# The notebook pages carry none of JupyterLab's stylesheet: docs/stylesheets/notebooks.css styles the
# classes of nbconvert's markup in Material's colours. In each scheme, at a desktop's and a phone's width:
# the code cells in Material's code colours (their box, a keyword), the outputs in the code's font, the
# prompts in Material's secondary text colour (beside the code, above it on a phone), the figures in the column.
_NOTEBOOK_STYLES = """() => {
  const colour = (value, where) => {  // a colour (a variable) as the browser computes it in `where`
    const probe = where.appendChild(document.createElement("span"));
    probe.style.color = value;
    const computed = getComputedStyle(probe).color;
    probe.remove();
    return computed;
  };
  const style = (el, name) => getComputedStyle(typeof el === "string" ? document.querySelector(el) : el)[name];
  const box = (selector) => document.querySelector(selector).getBoundingClientRect();
  const keyword = document.querySelector(".highlight-ipynb .kn"), code = keyword.closest(".highlight-ipynb");
  const area = code.closest(".jp-InputArea");
  const [editor, prompt] = [".jp-InputArea-editor", ".jp-InputPrompt"].map((s) => area.querySelector(s));
  const [editorBox, promptBox] = [editor, prompt].map((el) => el.getBoundingClientRect());
  return {
    scheme: document.body.getAttribute("data-md-color-scheme"),
    inline: [...document.querySelectorAll("style")].filter((s) => s.textContent.includes(".jp-")).length,
    code: [style(editor, "backgroundColor"), colour("var(--md-code-bg-color)", code)],
    keyword: [style(keyword, "color"), colour("var(--md-code-hl-keyword-color)", code)],
    prompt: [style(prompt, "color"), colour("var(--md-default-fg-color--light)", code)],
    font: [style(".jp-RenderedText pre", "fontFamily"), style(code.querySelector("pre"), "fontFamily")],
    hidden: style(".clipboard-copy-txt", "display"),
    beside: promptBox.right <= editorBox.left && promptBox.top < editorBox.bottom,
    above: promptBox.bottom <= editorBox.top,
    figure: box(".jp-RenderedImage img").right <= box(".md-content__inner").right,
  };
}"""
NOTEBOOK_VIEWS = [("notebooks/spiral/", "light", 1280), ("notebooks/spiral/", "dark", 390),
                  ("en/notebooks/rbm/", "dark", 1280), ("en/notebooks/rbm/", "light", 390)]


@pytest.fixture(scope="module")
def notebook_styles(memory, tab, origin) -> dict:
    def look(path: str, scheme: str, width: int) -> dict:
        page = typeset(tab, origin, path, color_scheme=scheme, viewport={"width": width, "height": 900})
        seen = page.evaluate(_NOTEBOOK_STYLES)
        page.context.close()
        return {**seen, **page.recorder.seen()}

    return {view: memory.observe(f"notebook-styles:{view}", functools.partial(look, *view)) for view in NOTEBOOK_VIEWS}


@pytest.mark.parametrize("path, scheme, width", NOTEBOOK_VIEWS)
def test_a_notebook_page_is_styled_by_the_sites_stylesheet(notebook_styles, path, scheme, width) -> None:
    seen = notebook_styles[path, scheme, width]
    assert seen["failures"] == seen["errors"] == []
    assert seen["scheme"] == {"light": "default", "dark": "slate"}[scheme]
    assert seen["inline"] == 0, "no inline JupyterLab stylesheet"
    for what in ("code", "keyword", "prompt", "font"):
        assert seen[what][0] == seen[what][1], (what, seen[what])
    assert seen["hidden"] == "none", "the copy button's text is not shown"
    assert seen["above" if width < 600 else "beside"], "prompts beside the code, above it on a phone"
    assert seen["figure"]
