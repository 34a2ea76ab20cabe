"""What a reader sees on every page, checked in a real browser (tests/browser.py says how)."""

from __future__ import annotations

import json

import pytest

from pipeline.pdf import TYPESET
from pipeline.weight import LOAD_FIGURES
from tests.browser import ARTIFACTS, SITE_PATH, load_all
from tests.test_site import PAGES, page_dir

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
    prose: prose.innerText,
    images: images.map(i => ({src: i.getAttribute("src").slice(0, 80), alt: i.alt,
                              loaded: i.complete && i.naturalWidth > 0})),
    overflowing: [...document.querySelectorAll(".md-content pre > code")]
      .filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.innerText.split("\\n")[0].slice(0, 60)),
    switch: Object.fromEntries([...document.querySelectorAll("a.md-select__link[hreflang]")]
                                 .map(a => [a.hreflang, new URL(a.href).pathname])),
  };
}"""
WIDE_CODE = {  # pages whose code may scroll sideways (tests/test_page.py keeps every snippet narrow)
    "api/": "signatures and docstring examples, in the library's 120-column style",
    "contributing/": "shell commands and the pipeline diagram, for contributors",
}
RAW_TEX = ["$$", "\\frac", "\\sigma", "\\mathbf", "\\partial", "\\sum"]


@pytest.fixture(scope="module")
def readers_view(memory, tab, origin) -> dict[str, dict]:
    """Every page as a reader gets it (loaded many at a time); every page's requests go to the artefacts."""
    views = load_all(memory, tab, origin, EVERY_PAGE, _FACTS, name="reader:", ready=TYPESET)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    requests = {path: view["requests"] for path, view in views.items()}
    (ARTIFACTS / "browser-requests.json").write_text(json.dumps(requests, indent=1), encoding="utf-8")
    return views


@pytest.mark.parametrize("path", EVERY_PAGE)
def test_every_page_as_a_reader_gets_it(readers_view, path) -> None:
    """Only this site's files, no failed request, no console error, the right lang, maths typeset
    by KaTeX with its own fonts, every figure loaded and described, code that fits the column
    at 1280 px, and a language switch that leads to the same page."""
    view = readers_view[path]
    outside = [u for u in view["requests"] if not u.startswith(("/", "data:"))]
    assert outside == []
    assert view["failures"] == []
    assert view["errors"] == []
    english = path.startswith("en/")
    assert view["lang"] == ("en" if english else "zh")
    assert view["katexErrors"] == 0
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
