"""Every snippet runs on its own, as a student pastes it, and prints its #> lines."""

from __future__ import annotations

import re

import pytest

from tests.docexec import ROOT, DocsError, read_snippet, run_chunks, scan_fences

SNIPPETS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "snippets").rglob("*.py"))
PAGES = sorted((ROOT / "docs").rglob("*.md"))


@pytest.mark.parametrize("path", SNIPPETS)
def test_snippet_runs_alone(path: str) -> None:
    namespace = {"__name__": "__main__", "__file__": str(ROOT / path)}
    failure = run_chunks([read_snippet(path)], namespace)
    assert failure is None, failure


def test_every_snippet_is_shown_on_a_page() -> None:
    """A snippet no page includes is dead code that nobody reads or maintains."""
    included = set()
    for page in PAGES:
        for fence in scan_fences(page.read_text(encoding="utf-8")):
            included.update(m.split(":")[0] for m in re.findall(r'--8<--\s+"([^"]+)"', fence.source))
    assert sorted(set(SNIPPETS) - included) == []


def test_missing_snippet_section_is_an_error(tmp_path) -> None:
    with pytest.raises(DocsError, match="does not exist"):
        read_snippet("snippets/no/such/file.py")
    with pytest.raises(DocsError, match="has no section 'nope'"):
        read_snippet(f"{SNIPPETS[0]}:nope")
