"""pipeline/runner.py and pipeline/store.py: a snippet runs once, and what it leaves is reused.

These run real child processes on small pages written to a temporary folder,
with a temporary store.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from pipeline import store as store_module
from pipeline.examples import failure
from pipeline.page import parse
from pipeline.runner import ensure
from pipeline.store import Record, Store


def _page(folder: Path, *blocks: str, name: str = "page.md"):
    path = folder / name
    path.write_text("\n".join(f"```python\n{textwrap.dedent(b).strip()}\n```\n" for b in blocks), encoding="utf-8")
    return parse(path)


def _runs(store: Store) -> list[dict]:
    log = store.root / "runs.log"
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "store")


def test_a_stored_result_is_reused_and_recomputed_when_its_inputs_change(tmp_path, store, monkeypatch) -> None:
    first = _page(tmp_path, "print(6 * 7)\n#> 42", "print('b')\n#> b")
    records = ensure(first, store)
    assert [r.stdout for r in records] == ["42\n", "b\n"] and len(_runs(store)) == 2
    assert ensure(first, store) == records and len(_runs(store)) == 2, "nothing changed: nothing runs"

    # a comment (or a translation of one) changes nothing either
    _page(tmp_path, "print(6 * 7)  # forty-two\n#> 42", "print('b')\n#> b")
    assert len(_runs(store)) == 2 and ensure(parse(tmp_path / "page.md"), store) == records

    edited = _page(tmp_path, "print(6 * 7)\n#> 42", "print('c')\n#> c")
    ensure(edited, store)
    assert [r["snippet"] for r in _runs(store)][2:] == [str(tmp_path / "page.md")], "only the edited one ran"

    monkeypatch.setattr(store_module, "sources_digest", lambda: "a dlnotes source changed")
    ensure(edited, store)
    assert len(_runs(store)) == 5, "a dlnotes change runs both again"

    monkeypatch.setattr(store_module, "device_name", lambda: "cuda:0 (another device)")
    again = ensure(edited, store)
    assert len(_runs(store)) == 7 and {r.key for r in again}.isdisjoint({r.key for r in records})


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
    store = Store(folder / "store")
    page = _page(folder, *[block for blocks in FAULTS.values() for block in blocks])
    pairs = list(zip(page.runnable, ensure(page, store)))
    cases, start = {}, 0
    for name, blocks in FAULTS.items():
        cases[name] = pairs[start : start + len(blocks)]
        start += len(blocks)
    cases["store"] = store
    return cases


def test_a_snippet_that_needs_the_previous_ones_variables_fails(faults) -> None:
    (first, ok), (second, dependent) = faults["dependent"]
    assert ok.ok and failure(first, ok) is None
    assert "NameError: name 'answer' is not defined" in dependent.error
    where = f'File "{second.filename}", line {second.first_line}'
    assert where in dependent.error, "the traceback names the page's line"
    assert "raised an error" in failure(second, dependent)
    assert faults["store"].get(dependent.key) is None, "a failure is reported, not stored"


def test_printed_output_must_match_the_page(faults) -> None:
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
    page = _page(tmp_path, "from matplotlib.figure import Figure\nfig = Figure()\nfig.subplots().plot([0, 1])")
    one, two = Store(tmp_path / "a"), Store(tmp_path / "b")
    [record], [again] = ensure(page, one), ensure(page, two)
    assert record.figure and record.device.startswith("cpu (") and record.torch and record.seconds >= 0
    assert one.figure(record.key, "svg").read_text().lstrip().startswith("<?xml")
    assert one.figure(record.key, "png").read_bytes()[:4] == b"\x89PNG"
    for format in ("svg", "png"):
        assert one.figure(record.key, format).read_bytes() == two.figure(again.key, format).read_bytes()


def test_a_failed_run_is_never_stored(store) -> None:
    bad = Record("k", "x.py", "", 0.0, "2", "cpu", 0, error="Traceback ...")
    with pytest.raises(ValueError, match="reported, not stored"):
        store.put(bad)
