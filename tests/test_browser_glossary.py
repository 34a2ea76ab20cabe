"""Glossary tooltips in a real browser: a term shows its other-language name, code and headings none.

tests/browser.py says how; the tooltips come from hooks/glossary.py and Material's content.tooltips.
"""

from __future__ import annotations

import pytest

from tests.browser import load_all

pytestmark = pytest.mark.site

CHAPTERS = {"tensors/": ("张量", "tensor"), "en/tensors/": ("tensor", "张量")}

# What a reader could hover: each term's text and title, and whether any sits in code or a heading.
_TERMS = """() => {
  const article = document.querySelector('article');
  const terms = [...article.querySelectorAll('abbr')];
  return {
    terms: terms.map(a => [a.textContent, a.getAttribute('title')]),
    first: article.querySelector('p abbr').getAttribute('title'),
    in_code: terms.filter(a => a.closest('pre, code')).length,
    in_headings: terms.filter(a => a.closest('h1, h2, h3, h4, h5, h6')).length,
    in_links: terms.filter(a => a.closest('a')).length,
    code_blocks: article.querySelectorAll('pre').length,
    headings: article.querySelectorAll('h2').length,
  };
}"""


def _tooltip(tab, touch: bool) -> dict:
    """Hover (or, on a phone, tap) the first term of the page's prose: the text of Material's tooltip."""
    (tab.tap if touch else tab.hover)("article p abbr")
    tip = tab.wait_for_selector(".md-tooltip2--active", timeout=10_000)
    return {"tooltip": tip.inner_text().strip()}


@pytest.fixture(scope="module")
def seen(memory, tab, origin) -> dict[str, dict]:
    return load_all(memory, tab, origin, list(CHAPTERS), _TERMS, name="glossary:",
                    then=lambda path, page: _tooltip(page, touch=False))


@pytest.fixture(scope="module")
def tapped(memory, tab, origin) -> dict[str, dict]:
    return load_all(memory, tab, origin, list(CHAPTERS), _TERMS, name="glossary-tap:",
                    then=lambda path, page: _tooltip(page, touch=True),
                    viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)


@pytest.mark.parametrize("path", CHAPTERS)
def test_a_term_carries_its_other_language_name(seen, path) -> None:
    term, title = CHAPTERS[path]
    page = seen[path]
    assert [term, title] in [[text.lower().removesuffix("s"), tip] for text, tip in page["terms"]]
    assert page["tooltip"] == page["first"]  # Material's styled tooltip shows the title on hover
    assert page["failures"] == page["errors"] == []


@pytest.mark.parametrize("path", CHAPTERS)
def test_a_tap_on_a_phone_shows_the_tooltip(tapped, path) -> None:
    page = tapped[path]
    assert page["first"] and page["tooltip"] == page["first"]
    assert page["failures"] == page["errors"] == []


@pytest.mark.parametrize("path", CHAPTERS)
def test_code_headings_and_links_carry_no_tooltip(seen, path) -> None:
    page = seen[path]
    assert page["code_blocks"] > 0 and page["headings"] > 0  # the page has both to leave alone
    assert page["in_code"] == page["in_headings"] == page["in_links"] == 0
