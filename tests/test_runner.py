"""pipeline/runner.py and pipeline/store.py: a snippet runs once, and what it leaves is reused.

These run real child processes on small pages written to a temporary folder,
with a temporary store. What they did is remembered while dlnotes/ and pipeline/
are unchanged (tests/memo.py); the assertions run every time.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from pipeline import store as store_module
from pipeline.examples import failure
from pipeline.runner import ensure
from pipeline.store import Record, Store
from tests.memo import remembered
from tests.tools import page_with

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
            patch.setattr(store_module, "sources_digest", lambda: "a dlnotes source changed")
            ensure(edited, store)
            runs.append(len(_runs(store)))
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
    assert seen["runs"][3] == 5, "a dlnotes change runs both again"
    assert seen["runs"][4] == 7 and seen["new_keys"], "another device runs both again"



@pytest.mark.skipif(not Path("/proc/sys/kernel/random/boot_id").is_file(), reason="no boot id: asked every time")
def test_the_device_is_asked_once_per_boot_and_again_when_the_choice_changes(tmp_path, monkeypatch) -> None:
    asked = []
    monkeypatch.setattr(store_module, "DEVICE_MEMO", tmp_path)
    monkeypatch.setattr(store_module, "_ask_device", lambda: asked.append(1) or f"cpu (asked {len(asked)})")
    monkeypatch.delenv("DLNOTES_DEVICE", raising=False)
    assert store_module.device_name() == store_module.device_name() == "cpu (asked 1)"
    monkeypatch.setenv("DLNOTES_DEVICE", "cuda")  # another choice: asked again, and remembered apart
    assert store_module.device_name() == "cpu (asked 2)"
    monkeypatch.delenv("DLNOTES_DEVICE")
    assert store_module.device_name() == "cpu (asked 1)" and len(asked) == 2
    assert len(list(tmp_path.iterdir())) == 2, "one memo per choice, no staging file left"


def test_threads_asking_for_the_device_at_once_all_get_it(tmp_path, monkeypatch) -> None:
    """The build asks from a thread per chapter (pipeline/runner.py ensure_all), all at the start."""
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setattr(store_module, "DEVICE_MEMO", tmp_path)
    monkeypatch.setattr(store_module, "_ask_device", lambda: "cpu (slow)")
    rename = os.replace  # slowed down: every thread has written before the first one renames
    monkeypatch.setattr(os, "replace", lambda *args: time.sleep(0.05) or rename(*args))
    with ThreadPoolExecutor(8) as pool:
        names = list(pool.map(lambda _: store_module.device_name(), range(8)))
    assert names == ["cpu (slow)"] * 8
    assert [p.suffix for p in tmp_path.iterdir()] in ([], [".txt"]), "no staging file left"

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
        files = {f: (one.figure(record.key, f).read_bytes(), two.figure(again.key, f).read_bytes())
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
