"""pipeline/cache.py and its users: an entry is reused only while every file it read is unchanged."""

import json
import sys

import pytest

from pipeline import cache
from pipeline.cache import Cache, digests, recording
from pipeline.page import ROOT
from tests import memo

pytestmark = pytest.mark.processes  # starts interpreters: early in the test order (conftest.py)

SCRATCH = ROOT / ".scratch"  # inside the repository, outside .cache/: what the cache counts as a source


@pytest.fixture
def scratch(tmp_path):
    folder = SCRATCH / tmp_path.name
    folder.mkdir(parents=True)
    yield folder
    for path in sorted(folder.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    folder.rmdir()
    if not any(SCRATCH.iterdir()):
        SCRATCH.rmdir()


def test_an_entry_holds_until_a_file_it_read_changes(tmp_path) -> None:
    store = Cache("kind", tmp_path)
    read = tmp_path / "input.py"
    read.write_text("x = 1\n")
    assert store.put("k", {"seen": 1}, digests([read]), {"svg": b"<svg/>"}) == {"seen": 1}
    assert store.get("k") == {"seen": 1} and store.file("k", "svg").read_bytes() == b"<svg/>"
    assert store.get("other") is None, "never stored"
    read.write_text("x = 2\n")
    assert store.get("k") is None, "a file it read changed"
    read.write_text("x = 1\n")
    assert store.get("k") == {"seen": 1}, "the same content again: the same entry"
    read.unlink()
    assert store.get("k") is None, "a file it read is gone"


def test_a_folder_it_listed_changes_when_a_name_is_added(tmp_path) -> None:
    store, docs = Cache("kind", tmp_path), tmp_path / "docs"
    docs.mkdir()
    store.put("k", 1, digests([docs]))
    assert store.get("k") == 1
    (docs / "new.md").write_text("a new page")
    assert store.get("k") is None


def test_prune_keeps_only_the_keys_asked_for(tmp_path) -> None:
    store = Cache("kind", tmp_path)
    for name in "abc":
        store.put(name, name, {}, {"png": b"x"})
    assert store.prune({"a"}) == 2 and store.keys() == {"a"}
    assert sorted(p.name for p in store.root.iterdir()) == ["a.json", "a.png"]


def test_a_recording_holds_what_the_block_opened_and_listed(scratch) -> None:
    (scratch / "data.txt").write_text("read")
    (scratch / "unread.txt").write_text("not read")
    with recording() as opened:
        (scratch / "data.txt").read_text()
        list((scratch / "sub").mkdir() or (scratch / "sub").iterdir())
        (ROOT / ".venv" / "pyvenv.cfg").read_text()  # installed, not a source: left out
    (scratch / "unread.txt").read_text()  # after the block: not recorded
    assert opened == {scratch / "data.txt", scratch / "sub"}


def test_a_run_records_what_it_read_and_misses_when_it_changes(scratch, tmp_path) -> None:
    """``python -m pipeline.cache READS MODULE``: the reads of a child process (the site build's way)."""
    import subprocess

    (scratch / "page.md").write_text("# a page")
    (scratch / "reader.py").write_text(f"open({str(scratch / 'page.md')!r}).read()\n")
    reads = tmp_path / "reads.json"
    env = {"PYTHONPATH": f"{ROOT}:{scratch}"}
    subprocess.run([sys.executable, "-m", "pipeline.cache", str(reads), "reader"], cwd=ROOT, env=env, check=True)
    found = json.loads(reads.read_text())
    name = (scratch / "page.md").relative_to(ROOT).as_posix()
    assert name in found and "pipeline/cache.py" in found
    store = Cache("kind", tmp_path)
    store.put("site", "built", found)
    assert store.get("site") == "built"
    (scratch / "page.md").write_text("# the page, edited")
    assert store.get("site") is None


def test_the_runners_records_depend_on_the_runner_and_the_library(tmp_path) -> None:
    """A result's reads are the modules its process imported: dlnotes and pipeline/runner.py among them."""
    from pipeline.runner import ensure
    from pipeline.store import Store
    from tests.tools import page_with

    def run() -> list[str]:
        store = Store(tmp_path / "store")
        [record] = ensure(page_with(tmp_path, "import dlnotes\nprint(1)\n#> 1"), store)
        return sorted(store.entry(record.key)["reads"])

    reads = memo.remembered(memo.ROOT / "tests" / "test_cache.py", "runner reads", run)
    assert {"pipeline/runner.py", "pipeline/store.py", "dlnotes/__init__.py"} <= set(reads)


def test_an_outcome_depends_on_the_test_helpers_and_the_library() -> None:
    reads = memo.code_reads()
    assert {"tests/tools.py", "tests/memo.py", "tests/conftest.py", "conftest.py", "pipeline/runner.py",
            "dlnotes/__init__.py"} <= set(reads)


@pytest.fixture
def counted(monkeypatch, tmp_path):
    """An observation that counts its runs, in a temporary cache, with code reads the test sets."""
    monkeypatch.setattr(memo, "OUTCOMES", Cache("outcomes", tmp_path))
    code = tmp_path / "code.py"
    code.write_text("v = 1\n")
    monkeypatch.setattr(memo, "code_reads", lambda: digests([code]))
    runs = []

    def observe() -> dict:
        runs.append(1)
        return {"run": len(runs), "where": str(tmp_path / "page.md")}

    return observe, runs, code, tmp_path


def test_an_outcome_is_reused_until_its_code_changes(counted) -> None:
    observe, runs, code, _ = counted
    module = ROOT / "tests" / "test_cache.py"
    assert memo.remembered(module, "x", observe)["run"] == 1
    assert memo.remembered(module, "x", observe)["run"] == 1 and len(runs) == 1, "nothing changed: reused"
    assert memo.remembered(module, "y", observe)["run"] == 2, "another observation of the module"
    code.write_text("v = 2\n")  # a test helper, dlnotes/ or pipeline/ changed
    assert memo.remembered(module, "x", observe)["run"] == 3 and len(runs) == 3


def test_the_temporary_folder_an_outcome_names_is_this_runs(counted) -> None:
    observe, _, _, folder = counted
    module = ROOT / "tests" / "test_cache.py"
    assert memo.remembered(module, "x", observe, folder)["where"] == str(folder / "page.md")
    stored = json.dumps(json.loads(next((folder / "outcomes").glob("*.json")).read_text())["data"])
    assert str(folder) not in stored and "<folder>/page.md" in stored
    later = folder / "later"
    assert memo.remembered(module, "x", observe, later) == {"run": 1, "where": str(later / "page.md")}


def test_a_digest_is_of_the_content(scratch) -> None:
    (scratch / "a.py").write_text("x = 1\n")
    before = cache.digest(scratch / "a.py")
    (scratch / "a.py").write_text("x = 2\n")
    assert cache.digest(scratch / "a.py") != before and cache.digest(scratch / "b.py") == "missing"
