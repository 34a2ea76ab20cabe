"""What a reader sees on every page, checked in a real browser (tests/browser.py says how).

One view of each page gathers everything: maths, figures, code width, the
language switch, the notebook buttons (the download served by the page itself),
the edit link and date, and the glossary tooltips (one hovered). Each page is
loaded once, so a chapter edit makes only that chapter's two pages be observed
again. tests/test_site.py checks the same files without a browser (the downloads
are the committed notebooks, byte for byte; the zips hold every one).
"""

import json
import re

import pytest

from pipeline.pdf import LOAD_FIGURES, TYPESET
from tests.browser import ARTIFACTS, SEARCH_INDEX, SITE_PATH, load_all
from tests.test_site import CHAPTERS, CONFIG, PAGES, page_dir

pytestmark = pytest.mark.site

_ZH = [page_dir(page) for page in PAGES]
EVERY_PAGE = _ZH + [f"en/{path}" for path in _ZH] + ["notebooks/dbn/", "en/notebooks/spiral/"]
_FACTS = """async () => {
  await (""" + LOAD_FIGURES + """)();  // every (lazy) figure, and the fonts KaTeX's output asked for
  const prose = document.querySelector(".md-content").cloneNode(true);
  prose.querySelectorAll("pre, code, .katex").forEach(e => e.remove());
  const images = [...document.querySelectorAll(".md-content img")];
  return {
    lang: document.documentElement.lang,
    maths: document.querySelectorAll(".arithmatex").length,
    typeset: [...document.querySelectorAll(".arithmatex")].filter(e => e.querySelector(".katex")).length,
    notebookMaths: document.querySelectorAll(".jp-MarkdownOutput .katex").length,
    katexErrors: document.querySelectorAll(".katex-error").length,
    withoutMathml: [...document.querySelectorAll(".katex")].filter(k => !k.querySelector(".katex-mathml math")).length,
    prose: prose.innerText,
    images: images.map(i => ({src: i.getAttribute("src").slice(0, 80), alt: i.alt,
                              loaded: i.complete && i.naturalWidth > 0})),
    overflowing: [...document.querySelectorAll(".md-content pre > code")]
      .filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.innerText.split("\\n")[0].slice(0, 60)),
    switch: Object.fromEntries([...document.querySelectorAll("a.md-select__link[hreflang]")]
                                 .map(a => [a.hreflang, new URL(a.href).pathname])),
    glossary: terms(),
    actions: await actions(),
  };

  function terms() {  // what a reader could hover, and whether any term sits in code, a heading or a link
    const article = document.querySelector(".md-content article");
    const all = [...article.querySelectorAll("abbr")];
    return {
      terms: all.map(a => [a.textContent, a.getAttribute("title")]),
      first: (article.querySelector("p abbr") || {title: null}).title,
      in_code: all.filter(a => a.closest("pre, code")).length,
      in_headings: all.filter(a => a.closest("h1, h2, h3, h4, h5, h6")).length,
      in_links: all.filter(a => a.closest("a")).length,
    };
  }

  async function actions() {  // the buttons above the chapter, the edit link, the date; the download fetched
    const seen = el => el !== null && el.checkVisibility() && el.getBoundingClientRect().width > 0;
    const box = el => el.getBoundingClientRect();
    const colab = document.querySelector("a.dlnotes-colab");
    const download = document.querySelector("a.dlnotes-download");
    const all = document.querySelector("a.dlnotes-download-all");
    const edit = document.querySelector("a.md-content__button[rel=edit]");
    const date = document.querySelector(".md-source-file .git-revision-date-localized-plugin-date");
    const view = {
      colab: seen(colab), download: seen(download),
      label: download && download.textContent.trim(),
      name: download && download.getAttribute("download"),
      href: download && new URL(download.href).pathname,
      beside: !!(colab && download) && Math.abs(box(colab).top - box(download).top) < 2
              && box(download).left >= box(colab).right && box(download).left - box(colab).right < 40,
      edit: edit && edit.href, edit_seen: seen(edit),
      date: date && date.textContent.trim(), date_seen: seen(date),
      all: all && new URL(all.href).pathname, all_seen: seen(all),
    };
    if (download) {
      const served = await fetch(download.href);
      try { view.cells = JSON.parse(await served.text()).cells.length; } catch (e) { view.cells = String(e); }
      view.status = served.status;
    }
    return view;
  }
}"""
WIDE_CODE = {  # pages whose code may scroll sideways (tests/test_page.py keeps every snippet narrow)
    "api/": "signatures and docstring examples, in the library's 120-column style",
    "contributing/": "shell commands and the pipeline diagram, for contributors",
}
def _tooltip(page, touch: bool) -> dict:
    """Hover (or, on a phone, tap) the first glossary term of the page's prose: the text of Material's tooltip."""
    if not page.locator(".md-content article p abbr").count():
        return {"tooltip": None}
    (page.tap if touch else page.hover)(".md-content article p abbr >> nth=0")
    tip = page.wait_for_selector(".md-tooltip2--active", timeout=10_000)
    return {"tooltip": tip.inner_text().strip()}


RAW_TEX = ["$$", "\\frac", "\\sigma", "\\mathbf", "\\partial", "\\sum"]


@pytest.fixture(scope="module")
def readers_view(memory, tab, origin) -> dict[str, dict]:
    """Every page as a reader gets it (one after another in one tab); every page's requests go to the artefacts."""
    views = load_all(memory, tab, origin, EVERY_PAGE, _FACTS, name="reader:", ready=TYPESET,
                     then=lambda path, page: _tooltip(page, touch=False))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    requests = {path: view["requests"] for path, view in views.items()}
    (ARTIFACTS / "browser-requests.json").write_text(json.dumps(requests, indent=1), encoding="utf-8")
    return views


@pytest.mark.parametrize("path", EVERY_PAGE)
def test_every_page_as_a_reader_gets_it(readers_view, path) -> None:
    """Only this site's files (not yet the search index), no failed request, no console error, the
    right lang, maths typeset by KaTeX with its own fonts, every figure loaded and described, code
    that fits the column at 1280 px, and a language switch that leads to the same page."""
    view = readers_view[path]
    outside = [u for u in view["requests"] if not u.startswith(("/", "data:"))]
    assert outside == []
    assert not any(u.endswith(SEARCH_INDEX) for u in view["requests"]), "the index before the reader searched"
    assert view["failures"] == []
    assert view["errors"] == []
    english = path.startswith("en/")
    assert view["lang"] == ("en" if english else "zh")
    assert view["katexErrors"] == 0
    assert view["withoutMathml"] == 0, "a formula a screen reader cannot read (KaTeX's MathML is missing)"
    assert [tex for tex in RAW_TEX if tex in view["prose"]] == [], "maths left untypeset"
    assert view["typeset"] == view["maths"]
    if "notebooks/" in path:
        assert view["notebookMaths"] > 0, "a notebook's maths untypeset"
    if view["maths"] or view["notebookMaths"]:  # the KaTeX fonts came from this site, and the browser used them
        assert any(f"{SITE_PATH}assets/katex/fonts/" in u for u in view["requests"])
    for image in view["images"]:
        assert image["alt"], "a figure without alt text"
        assert image["loaded"], image["src"]
    if path.removeprefix("en/") not in WIDE_CODE:
        assert view["overflowing"] == [], "code that needs sideways scrolling at 1280 px"
    twin = path.removeprefix("en/") if english else f"en/{path}"
    assert view["switch"]["zh" if english else "en"] == SITE_PATH + twin


# Glossary tooltips (hooks/glossary.py, Material's content.tooltips): a term shows its other-language name.
TERMS = {"tensors/": ("张量", "tensor"), "en/tensors/": ("tensor", "张量")}


@pytest.mark.parametrize("path", TERMS)
def test_a_term_carries_its_other_language_name(readers_view, path) -> None:
    term, title = TERMS[path]
    terms = readers_view[path]["glossary"]["terms"]
    assert [term, title] in [[text.lower().removesuffix("s"), tip] for text, tip in terms]


@pytest.mark.parametrize("path", EVERY_PAGE)
def test_hovering_a_term_shows_its_tooltip_and_code_headings_and_links_carry_none(readers_view, path) -> None:
    view = readers_view[path]
    glossary = view["glossary"]
    assert glossary["in_code"] == glossary["in_headings"] == glossary["in_links"] == 0
    assert view["tooltip"] == glossary["first"]  # Material's styled tooltip shows the title on hover
    if path.removeprefix("en/") not in ("glossary/", "api/", "contributing/") and "notebooks/" not in path:
        assert glossary["first"], "a page whose prose has no glossary term"


PHONE = ["", "en/"]  # the home pages: a tap works as a hover does


@pytest.fixture(scope="module")
def tapped(memory, tab, origin) -> dict[str, dict]:
    return load_all(memory, tab, origin, PHONE, "() => ({})", name="tap:", ready=TYPESET,
                    then=lambda path, page: _tooltip(page, touch=True),
                    viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)


@pytest.mark.parametrize("path", PHONE)
def test_a_tap_on_a_phone_shows_the_tooltip(tapped, readers_view, path) -> None:
    view = tapped[path]
    assert view["tooltip"] and view["tooltip"] == readers_view[path]["glossary"]["first"]
    assert view["failures"] == view["errors"] == []


# The notebook buttons, the edit link and the last-updated date.
EDIT = f"{CONFIG['repo_url']}/{CONFIG['edit_uri']}"
DATES = {"zh": r"\d{4}年\d{1,2}月\d{1,2}日", "en": r"[A-Z][a-z]+ \d{1,2}, \d{4}"}


@pytest.mark.parametrize("chapter", CHAPTERS)
@pytest.mark.parametrize("language, prefix", [("zh", ""), ("en", "en/")])
def test_download_button_sits_beside_colab_and_serves_the_notebook(readers_view, chapter, language, prefix) -> None:
    view = readers_view[f"{prefix}{chapter}/"]["actions"]
    assert view["colab"] and view["download"] and view["beside"], view
    assert view["label"] == {"zh": "下载笔记本", "en": "Download notebook"}[language]
    assert (view["href"], view["name"]) == (f"{SITE_PATH}notebooks/{language}/{chapter}.ipynb", f"{chapter}.ipynb")
    assert view["status"] == 200 and isinstance(view["cells"], int) and view["cells"] > 2, view["cells"]


@pytest.mark.parametrize("path", EVERY_PAGE)
def test_edit_link_opens_the_pages_own_source_and_the_date_is_in_its_language(readers_view, path) -> None:
    view, english = readers_view[path]["actions"], path.startswith("en/")
    page = path.removeprefix("en/").removeprefix("notebooks/").rstrip("/") or "index"
    assert view["edit"] == EDIT + page + (".en.md" if english else ".md") and view["edit_seen"]
    if "notebooks/" not in path:  # a notebook page edits its chapter, and shows no date
        assert view["date_seen"] and re.fullmatch(DATES["en" if english else "zh"], view["date"]), view["date"]


@pytest.mark.parametrize("path, language", [("colab/", "zh"), ("en/colab/", "en")])
def test_colab_chapter_offers_all_notebooks_as_one_zip(readers_view, path, language) -> None:
    view = readers_view[path]["actions"]
    assert view["all"] == f"{SITE_PATH}notebooks/dlnotes-notebooks-{language}.zip" and view["all_seen"]
