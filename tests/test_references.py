"""Every chapter credits its sources: it ends with 参考文献 / References, a list of linked works."""

import re

import pytest

from pipeline import site
from pipeline.page import Page, Prose, Section, pages, parse_text
from tests.test_prose_numbers import REFERENCES

CHAPTERS = site.settings().chapters
ITEM = re.compile(r"^[-*] (?P<text>.+)")
LINK = re.compile(r"\]\((https?://[^)\s]+)\)")
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def reference_problems(page: Page) -> list[str]:
    """What is missing from the page's References: the section (as its last ``##``), its items,
    and in each item a year and a link."""
    last = page.sections(levels=(2,))[-1]
    title = REFERENCES[page.language].removeprefix("## ")
    if last.heading is None or last.heading.text != title:
        found = f"## {last.heading.text}" if last.heading else "none"
        return [f"{page.path}: the last section must be '{title}' (found {found!r})"]
    items = [m["text"] for line in _lines(last) if (m := ITEM.match(line))]
    problems = [] if items else [f"{page.path}: '{title}' lists no works"]
    for item in items:
        if not LINK.search(item) or not YEAR.search(item):
            problems.append(f"{page.path}: a reference needs a year and a link: {item[:60]}")
    return problems


@pytest.mark.parametrize("page", [p for p in pages() if p.name in CHAPTERS], ids=lambda p: p.path)
def test_every_chapter_ends_with_its_references(page: Page) -> None:
    assert reference_problems(page) == []


def test_both_languages_cite_the_same_works() -> None:
    """The same links, in the same order, in each chapter's two languages."""
    cited = {(p.name, p.language): LINK.findall("\n".join(_tail(p))) for p in pages() if p.name in CHAPTERS}
    assert [name for name in CHAPTERS if cited[name, "zh"] != cited[name, "en"]] == []


def _lines(section: Section) -> list[str]:
    return [line.rstrip() for block in section.blocks if isinstance(block, Prose) for line in block.lines]


def _tail(page: Page) -> list[str]:
    """The lines of the page's References (its last section)."""
    return [] if reference_problems(page) else _lines(page.sections(levels=(2,))[-1])


def test_a_chapter_without_references_is_caught() -> None:
    body = "# T\n\nText.\n\n## Exercises\n\n1. Try.\n"
    assert "the last section must be 'References'" in reference_problems(parse_text(body, "docs/t.en.md"))[0]
    unlinked = body + "\n## References\n\n- Someone (2001). A book.\n"
    assert "needs a year and a link" in reference_problems(parse_text(unlinked, "docs/t.en.md"))[0]
    good = body + "\n## References\n\n- Someone (2001). [A book](https://example.org/book).\n"
    assert reference_problems(parse_text(good, "docs/t.en.md")) == []
