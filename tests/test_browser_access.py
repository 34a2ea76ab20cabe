"""Every page usable by every reader (WCAG 2.2 AA), checked in a real browser (tests/browser.py says how).

axe-core, the engine of browsers' accessibility panels, runs on every page of both
languages, in the light scheme (every rule) and, after a click on the palette toggle,
the dark one (the rules about colour). Critical, serious and moderate violations
fail; minor ones are listed in .cache/artifacts/axe.json. A second observation
walks a chapter with the keyboard alone.

axe takes seconds on a page with thousands of highlighted tokens, so these tests
are marked ``audit`` and left out of ``python3 dev.py test`` (pyproject.toml);
.ci/run runs them with the book: ``python3 dev.py test -m "book or audit"``.
"""

import json
from importlib import metadata
from pathlib import Path

import pytest

from pipeline.pdf import TYPESET
from tests.browser import ARTIFACTS, load_all, typeset
from tests.test_browser_pages import EVERY_PAGE
from tests.test_site import CHAPTERS

pytestmark = [pytest.mark.site, pytest.mark.audit]

AXE = Path(metadata.distribution("axe-playwright-python").locate_file("axe_playwright_python/axe.min.js"))
"""axe-core, the accessibility engine of browsers' developer tools (bundled by axe-playwright-python)."""
_AXE_RUN = """async (rules) => {
  const options = rules ? {runOnly: {type: "rule", values: rules}} : {};
  const found = await axe.run(document, {...options, resultTypes: ["violations"]});
  return found.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
                                     where: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
SETTLED = "document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))"
"""Awaited: the fonts are in and a frame has been laid out since (a ResizeObserver has reported)."""


def accessibility(page) -> dict:
    """axe-core's violations on an open page in the light scheme (every rule), then, after a click on
    Material's palette toggle as a reader would, in the dark one (the rules about colour)."""
    page.evaluate(SETTLED)  # the page as it settles (maths in its fonts, laid out once more)
    page.add_script_tag(path=str(AXE))
    light = page.evaluate(_AXE_RUN, None)
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.mouse.move(1, 1)  # the toggle's own tooltip fades out: axe would measure it half transparent
    page.wait_for_function("!document.querySelector('.md-tooltip--active')")
    page.wait_for_timeout(300)
    return {"axe": {"default": light, "slate": page.evaluate(_AXE_RUN, COLOUR_RULES)}}


BLOCKING = ("critical", "serious", "moderate")
# every page of the site: the reader's pages and every chapter's rendered notebook, in both languages
AUDITED = EVERY_PAGE + [f"{lang}notebooks/{chapter}/" for lang in ("", "en/") for chapter in CHAPTERS
                        if f"{lang}notebooks/{chapter}/" not in EVERY_PAGE]


@pytest.fixture(scope="module")
def audits(memory, tab, origin) -> dict[str, dict]:
    """axe-core's violations on every page, in both schemes; all of them go to the artefacts."""
    views = load_all(memory, tab, origin, AUDITED, "() => ({})", name="axe:", ready=TYPESET,
                     then=lambda path, page: accessibility(page))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    found = {path: view["axe"] for path, view in views.items()}
    (ARTIFACTS / "axe.json").write_text(json.dumps(found, indent=1, ensure_ascii=False), encoding="utf-8")
    return views


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", AUDITED)
def test_axe_finds_no_critical_serious_or_moderate_violation(audits, path, scheme) -> None:
    view = audits[path]
    assert view["failures"] == view["errors"] == []
    found = [v for v in view["axe"][scheme] if v["impact"] in BLOCKING]
    assert found == [], "\n".join(f"{v['impact']} {v['id']} ({v['nodes']}): {v['help']} {v['where']}" for v in found)


# The keyboard path: Tab from the top of a chapter, as a reader without a mouse does.
_FOCUSED = """() => {
  const e = document.activeElement, style = getComputedStyle(e), box = e.getBoundingClientRect();
  const classes = typeof e.className === "string" ? e.className.trim().split(/\\s+/).filter(Boolean) : [];
  return {
    what: [e.tagName.toLowerCase(), ...classes].join("."),
    href: e.getAttribute("href"),
    shown: box.width > 0 && box.height > 0 && style.visibility !== "hidden",
    ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none",
  };
}"""
STOPS = {  # what the reader must reach: a CSS class of the focused element
    "skip link": "md-skip",
    "language switch": "md-select__link",
    "search box": "md-search__input",
    "Colab button": "dlnotes-colab",
    "a code block's copy button": "md-code__button",
}


@pytest.fixture(scope="module")
def keyboard(memory, tab, origin) -> dict:
    def walk() -> dict:
        page = typeset(tab, origin, "en/spiral/")
        steps = []
        for _ in range(150):
            page.keyboard.press("Tab")
            steps.append(page.evaluate(_FOCUSED))
            if STOPS["a code block's copy button"] in steps[-1]["what"]:
                break
        page.context.close()
        return {"steps": steps, **page.recorder.seen()}

    return memory.observe("keyboard:en/spiral/", walk)


def test_the_first_tab_reaches_the_skip_link(keyboard) -> None:
    first = keyboard["steps"][0]
    assert STOPS["skip link"] in first["what"] and first["shown"] and first["href"].startswith("#")


@pytest.mark.parametrize("stop", STOPS)
def test_the_keyboard_reaches_each_control_and_shows_where_it_is(keyboard, stop) -> None:
    reached = [step for step in keyboard["steps"] if STOPS[stop] in step["what"].split(".")]
    assert reached, f"Tab never reaches the {stop}: {[s['what'] for s in keyboard['steps']]}"
    assert reached[0]["shown"] and reached[0]["ring"], f"the {stop} is focused but not visibly: {reached[0]}"
    assert keyboard["failures"] == keyboard["errors"] == []


# A wide formula scrolls sideways: on a phone Material scrolls the arithmatex block around it,
# in a wider column KaTeX's display box scrolls. Whichever box scrolls is a named tab stop
# (docs/javascripts/a11y.js), so the keyboard can scroll it; no other box is.
_FORMULAS = """() => [...document.querySelectorAll("div.arithmatex, .katex-display")].map((box) => ({
  scrolls: box.scrollWidth > box.clientWidth && ["auto", "scroll"].includes(getComputedStyle(box).overflowX),
  stop: box.tabIndex === 0 && box.getAttribute("role") === "group" && !!box.getAttribute("aria-label"),
}))"""


@pytest.fixture(scope="module")
def formulas(memory, tab, origin) -> dict:
    def look() -> dict:
        page = typeset(tab, origin, "en/neurons/", viewport={"width": 360, "height": 800})
        page.evaluate(SETTLED)
        phone = page.evaluate(_FORMULAS)
        page.set_viewport_size({"width": 1280, "height": 800})
        page.evaluate(SETTLED)
        wide = page.evaluate(_FORMULAS)
        page.context.close()
        return {"phone": phone, "wide": wide, **page.recorder.seen()}

    return memory.observe("formulas:en/neurons/", look)


def test_a_formula_is_a_tab_stop_exactly_while_it_scrolls(formulas) -> None:
    phone, wide = formulas["phone"], formulas["wide"]
    assert len(phone) == len(wide) > 0 and formulas["failures"] == formulas["errors"] == []
    for width, found in (("phone", phone), ("wide", wide)):
        assert any(f["scrolls"] for f in found), f"no formula scrolls ({width}): the check checks nothing"
        assert [f["stop"] for f in found] == [f["scrolls"] for f in found], width
    assert [f["scrolls"] for f in phone] != [f["scrolls"] for f in wide], "another width, other boxes scroll"
