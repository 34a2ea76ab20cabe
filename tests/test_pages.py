"""Page-level rules: both languages for every page, the same code in both, every block run."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import markdown
from tests.docexec import ROOT, parity_problems, uncollected_fences

DOCS = ROOT / "docs"
ZH_PAGES = sorted(p for p in DOCS.rglob("*.md") if not p.name.endswith(".en.md"))
EN_PAGES = sorted(DOCS.rglob("*.en.md"))


def _twin(page: Path) -> Path:
    if page.name.endswith(".en.md"):
        return page.with_name(page.name[: -len(".en.md")] + ".md")
    return page.with_suffix(".en.md")


def _id(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("page", ZH_PAGES + EN_PAGES, ids=_id)
def test_page_has_its_translation(page: Path) -> None:
    assert _twin(page).is_file(), f"{_id(page)} has no translation {_id(_twin(page))}"


@pytest.mark.parametrize("page", ZH_PAGES, ids=_id)
def test_both_languages_show_the_same_code(page: Path) -> None:
    en = _twin(page)
    if not en.is_file():
        pytest.fail(f"{_id(en)} is missing")
    problems = parity_problems(page.read_text(encoding="utf-8"), en.read_text(encoding="utf-8"))
    assert problems == [], f"{_id(page)} vs {_id(en)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("page", ZH_PAGES + EN_PAGES, ids=_id)
def test_every_python_block_is_collected(page: Path) -> None:
    document = markdown.parse(page)
    assert uncollected_fences(page, document.examples()) == []


def test_pages_are_found() -> None:
    assert any(p.name == "tensors.md" for p in ZH_PAGES)
