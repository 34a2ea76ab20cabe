"""pipeline/runner.py and pipeline/store.py: a snippet runs once, and what it leaves is reused.

These run real child processes on small pages written to a temporary folder,
with a temporary store. What they did is remembered while dlnotes/ and pipeline/
are unchanged (tests/memo.py); the assertions run every time.
"""

import json
import re
import time
from pathlib import Path

import pytest

from pipeline import store as store_module
from pipeline.examples import failure
from pipeline.runner import ensure
from pipeline.store import Record, Store
from tests.memo import remembered
from tests.tools import page_with

pytestmark = pytest.mark.processes  # starts interpreters: early in the test order (conftest.py)

HERE = Path(__file__)


def _runs(store: Store) -> list[dict]:
    log = store.root / "runs.log"
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "store")


def test_a_stored_result_is_reused_and_recomputed_when_its_inputs_change(tmp_path) -> None:
    def run() -> dict:
        store, runs = Store(tmp_path / "store"), []
        first = page_with(tmp_path, "print(6 * 7)\n#> 42", "print('b')\n#> b")
        records = ensure(first, store)
        runs.append(len(_runs(store)))
        again = ensure(first, store) == records  # nothing changed: nothing runs
        runs.append(len(_runs(store)))
        # a comment (or a translation of one) changes nothing either
        commented_page = page_with(tmp_path, "print(6 * 7)  # forty-two\n#> 42", "print('b')\n#> b")
        commented = ensure(commented_page, store) == records
        runs.append(len(_runs(store)))
        edited = page_with(tmp_path, "print(6 * 7)\n#> 42", "print('c')\n#> c")
        ensure(edited, store)
        ran = [Path(r["snippet"]).name for r in _runs(store)][2:]
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(store_module, "device_name", lambda: "cuda:0 (another device)")
            other = ensure(edited, store)
            runs.append(len(_runs(store)))
        return {"stdout": [r.stdout for r in records], "runs": runs, "again": again, "commented": commented,
                "ran": ran, "new_keys": {r.key for r in other}.isdisjoint({r.key for r in records})}

    seen = remembered(HERE, "reuse", run)
    assert seen["stdout"] == ["42\n", "b\n"] and seen["runs"][0] == 2
    assert seen["again"] and seen["runs"][1] == 2, "nothing changed: nothing runs"
    assert seen["commented"] and seen["runs"][2] == 2, "a comment changes nothing"
    assert seen["ran"] == ["page.md"], "only the edited one ran"
    assert seen["runs"][3] == 5 and seen["new_keys"], "another device runs both again"
    # a changed dlnotes module or runner: tests/test_cache.py (the reads of a record)



def _isolation(folder: Path) -> dict:
    run = lambda name, *blocks: ensure(page_with(folder, *blocks, name=name), Store(folder / "store"))  # noqa: E731
    [marked] = run("one.md", "import sys, wave\nsys.dlnotes_mark = 1\nprint(sys.dlnotes_mark)\n#> 1")
    probe = "import sys, torch\nprint(hasattr(sys, 'dlnotes_mark'), 'wave' in sys.modules, torch.cuda.is_initialized())"
    [clean] = run("two.md", probe)
    return {"ok": [marked.ok, clean.ok], "second": clean.stdout}


def _crash(folder: Path) -> dict:
    store = Store(folder / "store")
    page = page_with(folder, "print(1)\n#> 1", "import os\nos._exit(3)", "print(2)\n#> 2", name="crash.md")
    first = ensure(page, store)
    again = ensure(page, store)  # in the same process: the failure is read, not run again
    return {"first": [[r.ok, r.error] for r in first], "same": again == first, "runs": len(_runs(store)),
            "stored": [store.get(r.key) is not None for r in first]}


def _hangs(folder: Path) -> dict:
    store = Store(folder / "store")
    slow = page_with(folder, "import time\ntime.sleep(60)", "print(3)\n#> 3", name="slow.md")
    with pytest.MonkeyPatch.context() as patch:  # another environment: a plain new interpreter
        patch.setenv("DLNOTES_SNIPPET_TIMEOUT", "1")
        cut = ensure(slow, store)
    start = time.perf_counter()
    stopped = ensure(page_with(folder, "import time\ntime.sleep(61)", name="stuck.md"), store, timeout=3)
    return {"cut": [[r.ok, r.error and r.error[-200:], r.stdout] for r in cut],
            "stopped": [stopped[0].ok, stopped[0].error[:200]], "seconds": time.perf_counter() - start,
            "stored": store.get(stopped[0].key) is not None}


@pytest.fixture(scope="module")
def processes(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("processes")

    def observe() -> dict:
        cases = {"isolation": _isolation, "crash": _crash, "hangs": _hangs}
        for name in cases:
            (folder / name).mkdir()
        return {name: case(folder / name) for name, case in cases.items()}

    return remembered(HERE, "processes", observe, folder)


def test_a_page_runs_in_a_new_process_that_sees_nothing_another_page_left(processes) -> None:
    assert processes["isolation"]["ok"] == [True, True]
    assert processes["isolation"]["second"] == "False False False\n", "forked from the server, not from a page"


def test_a_crash_costs_one_run_and_each_snippet_after_it_reports_it(processes) -> None:
    crash = processes["crash"]
    assert crash["first"][0] == [True, None] and crash["stored"] == [True, False, False]
    for ok, error in crash["first"][1:]:
        assert not ok and "crash.md exited with code 3" in error
    assert crash["same"] and crash["runs"] == 1, "asked again in the same run: not run again"


def test_a_hung_snippet_is_cut_and_the_next_one_still_runs(processes) -> None:
    [slow_ok, slow_error, _], [next_ok, _, printed] = processes["hangs"]["cut"]
    assert not slow_ok and "TimeoutError: the snippet ran past 1 s" in slow_error
    assert next_ok and printed == "3\n"


def test_a_page_past_its_timeout_is_stopped_and_stores_nothing(processes) -> None:
    hangs = processes["hangs"]
    assert hangs["stopped"][0] is False and "ran past 3 s and was stopped" in hangs["stopped"][1]
    assert hangs["seconds"] < 30 and not hangs["stored"]


LEAKS = {
    "default dtype": "import torch\ntorch.set_default_dtype(torch.float64)",
    "autograd turned off": "import torch\ntorch.set_grad_enabled(False)",
    "rebinds the built-in name(s) sum": "sum = 3",
    "it warns: UserWarning: careful": "import warnings\nwarnings.warn('careful')",
}
CLEAN = "import torch\nprint(torch.get_default_dtype(), torch.is_grad_enabled(), sum([1]))\n#> torch.float32 True 1"
FAULTS = {  # the snippets of one page, each case a few snippets long; one child process runs them all
    "dependent": ["answer = 42\nprint(answer)\n#> 42", "print(answer + 1)\n#> 43"],
    "printed": ["print(6 * 7)\n#> 41", "print('not shown')"],
    "random": [
        "import torch\nprint(round(torch.rand(1).item(), 4))\n#> 0.4963",
        "import torch\ntorch.manual_seed(0)\nprint(round(torch.rand(1).item(), 4))\n#> 0.4963",
        "from torch import nn\nlayer = nn.Linear(2, 1)  # random weights, never shown\nprint(layer.in_features)\n#> 2",
    ],
    "leaks": [block for code in LEAKS.values() for block in (code, CLEAN)],
}


@pytest.fixture(scope="module")
def faults(tmp_path_factory) -> dict:
    """Each case's (snippet, record) pairs, from one run of a page that has them all, in order."""
    folder = tmp_path_factory.mktemp("faults")
    page = page_with(folder, *[block for blocks in FAULTS.values() for block in blocks])

    def run() -> list[dict]:
        store = Store(folder / "store")
        return [{**r.__dict__, "stored": store.get(r.key) is not None} for r in ensure(page, store)]

    records = [(r.pop("stored"), Record(**r)) for r in remembered(HERE, "faults", run, folder)]
    pairs = [(snippet, record) for snippet, (_, record) in zip(page.runnable, records)]
    cases, start = {}, 0
    for name, blocks in FAULTS.items():
        cases[name] = pairs[start : start + len(blocks)]
        start += len(blocks)
    cases["stored"] = {record.key: stored for stored, record in records}
    return cases


def test_a_snippet_that_needs_the_previous_ones_variables_fails(faults) -> None:
    (first, ok), (second, dependent) = faults["dependent"]
    assert ok.ok and failure(first, ok) is None
    assert "NameError: name 'answer' is not defined" in dependent.error
    where = f'File "{second.filename}", line {second.first_line}'
    assert where in dependent.error, "the traceback names the page's line"
    assert "raised an error" in failure(second, dependent)
    assert faults["stored"][ok.key] and not faults["stored"][dependent.key], "a failure is reported, not stored"


def test_printed_output_must_match_thepage_with(faults) -> None:
    (first, wrong), (second, undocumented) = faults["printed"]
    assert "-#> 41" in failure(first, wrong) and "+#> 42" in failure(first, wrong)
    assert "+#> not shown" in failure(second, undocumented)


def test_unseeded_random_numbers_fail_and_seeded_ones_pass(faults) -> None:
    """Each run starts from a new global random state: only a seeded snippet repeats its #> lines."""
    (first, unseeded), (second, seeded), (third, unshown) = faults["random"]
    assert "needs torch.manual_seed" in failure(first, unseeded)
    assert failure(second, seeded) is None and failure(third, unshown) is None


def test_a_snippet_that_would_break_the_notebooks_later_cells_fails(faults) -> None:
    pairs = faults["leaks"]
    for n, problem in enumerate(LEAKS):
        (leaky, leaked), (after, clean) = pairs[2 * n : 2 * n + 2]
        assert problem in failure(leaky, leaked)
        assert failure(after, clean) is None, "the next snippet starts clean"


def test_a_figure_is_stored_as_svg_and_png_the_same_every_run(tmp_path) -> None:
    page = page_with(tmp_path, "from matplotlib.figure import Figure\nfig = Figure()\nfig.subplots().plot([0, 1])")

    def run() -> dict:
        one, two = Store(tmp_path / "a"), Store(tmp_path / "b")
        [record], [again] = ensure(page, one), ensure(page, two)
        files = {f: (one.file(record.key, f).read_bytes(), two.file(again.key, f).read_bytes())
                 for f in ("svg", "png")}
        return {"record": record.__dict__, "svg": files["svg"][0][:64].decode(), "png": list(files["png"][0][:4]),
                "same": [first == second for first, second in files.values()]}

    seen = remembered(HERE, "figure", run)
    record = Record(**seen["record"])
    assert record.figure and record.device == "cpu" and record.torch and record.seconds >= 0
    assert record.platform["device"] == "cpu" and record.platform["deterministic"] == "on"
    assert seen["svg"].lstrip().startswith("<?xml") and bytes(seen["png"]) == b"\x89PNG"
    assert seen["same"] == [True, True], "two runs draw the same SVG and PNG, byte for byte"


def test_a_failed_run_is_never_stored(store) -> None:
    bad = Record("k", "x.py", "", 0.0, "2", "cpu", 0, error="Traceback ...")
    with pytest.raises(ValueError, match="reported, not stored"):
        store.put(bad)


def test_a_reader_of_the_store_runs_nothing_and_names_the_command_that_fills_it(tmp_path, store) -> None:
    """The site build only reads: ``ensure(run=False)`` raises for the first snippet without a stored run, with
    the page, the line and the command; a failure remembered in this process does not count as a record."""
    from mkdocs.exceptions import PluginError

    from hooks.results import stored
    from pipeline import runner
    from pipeline.store import key

    page = page_with(tmp_path, "print(1)\n#> 1", "print(2)\n#> 2")
    missing = f"{page.path}:1: {page.runnable[0].filename} has no stored run for this code and environment: " \
              f"run python3 dev.py run {page.path}"
    with pytest.raises(runner.MissingRecords, match=f"^{re.escape(missing)}$"):
        ensure(page, store, run=False)
    failed = Record(key(page.runnable[0]), page.path, "", 0.0, "", "cpu", 0, error="boom")
    runner.FAILED[failed.key] = failed
    try:
        with pytest.raises(PluginError, match="has no stored run for this code and environment: run python3 dev"):
            stored(page, store)
    finally:
        del runner.FAILED[failed.key]
    assert not _runs(store), "nothing ran"
