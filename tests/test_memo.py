"""tests/memo.py: a child process's outcome is reused only while the code it ran is unchanged."""

from __future__ import annotations

import shutil

import pytest

from pipeline.page import ROOT
from tests import memo


@pytest.fixture
def counted(monkeypatch, tmp_path):
    """An observation that counts its runs, stored in a temporary folder, with a digest the test sets."""
    monkeypatch.setattr(memo, "OUTCOMES", tmp_path / "outcomes")
    digest = {"now": "a"}
    monkeypatch.setattr(memo, "inputs_digest", lambda tops: digest["now"] + repr(tops))
    runs = []

    def observe() -> dict:
        runs.append(1)
        return {"run": len(runs), "where": str(tmp_path / "page.md")}

    return observe, runs, digest, tmp_path


def test_an_outcome_is_reused_until_its_inputs_change(counted) -> None:
    observe, runs, digest, _ = counted
    module = ROOT / "tests" / "test_memo.py"
    assert memo.remembered(module, "x", observe)["run"] == 1
    assert memo.remembered(module, "x", observe)["run"] == 1 and len(runs) == 1, "nothing changed: reused"
    assert memo.remembered(module, "y", observe)["run"] == 2, "another observation of the module"
    digest["now"] = "b"  # a dlnotes/ or pipeline/ source, the module, a package or the device changed
    assert memo.remembered(module, "x", observe)["run"] == 3 and len(runs) == 3


def test_the_temporary_folder_an_outcome_names_is_this_runs(counted) -> None:
    observe, _, _, folder = counted
    module = ROOT / "tests" / "test_memo.py"
    first = memo.remembered(module, "x", observe, folder)
    assert first["where"] == str(folder / "page.md")
    stored = next((folder / "outcomes").glob("*.json")).read_text()
    assert str(folder) not in stored and "<folder>/page.md" in stored
    later = folder / "later"
    assert memo.remembered(module, "x", observe, later) == {"run": 1, "where": str(later / "page.md")}


def test_the_digest_covers_file_contents_and_names() -> None:
    scratch = ROOT / ".cache" / "memo-test"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    try:
        digest = memo.inputs_digest.__wrapped__  # not the once-per-run cache
        (scratch / "a.py").write_text("x = 1\n")
        before = digest((".cache/memo-test",))
        (scratch / "a.py").write_text("x = 2\n")
        edited = digest((".cache/memo-test",))
        (scratch / "a.py").rename(scratch / "b.py")
        assert len({before, edited, digest((".cache/memo-test",))}) == 3
    finally:
        shutil.rmtree(scratch)
