"""Outputs are compared exactly on the reference platform and within the stated tolerance elsewhere.

pipeline/reference.py pins the platform; pipeline/outputs.py compares; pipeline/examples.py
turns a comparison into a test's verdict and its message.
"""

import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import examples, outputs, reference
from pipeline.page import ROOT, parse_text
from pipeline.runner import ensure
from pipeline.store import Record, Store
from tests.memo import remembered
from tests.tools import page_with

pytestmark = pytest.mark.processes  # starts interpreters: early in the test order (conftest.py)

HERE = Path(__file__)

OFF = {**reference.REFERENCE, "threads": "2", "torch kernels": "AVX512"}
"""A platform like a laptop's: two threads, AVX-512 kernels."""


def _record(printed: str, platform: dict[str, str]) -> Record:
    return Record("k", "snippets/x/y.py", printed, 0.1, reference.TORCH, "cpu", 0, platform)


def _snippet(shown: str, *code: str):
    lines = [*code, "print(text)", *(f"#> {line}" for line in shown.splitlines())]
    return parse_text("```python\n" + "\n".join(lines) + "\n```\n", "docs/x.en.md").runnable[0]


@pytest.fixture(autouse=True)
def _auto(monkeypatch) -> None:
    monkeypatch.delenv(outputs.MODE_ENV, raising=False)


@pytest.mark.parametrize("printed, on_reference, off_reference", [
    ("accuracy 0.945\n", "pass", "pass"),
    ("accuracy 0.943\n", "fail", "pass"),  # two units in the last digit: rounding order
    ("accuracy 0.756\n", "fail", "fail"),  # 20 %: not a rounding effect anywhere
])
def test_a_few_units_fail_on_the_reference_and_pass_off_it_and_20_percent_fails_everywhere(
        printed: str, on_reference: str, off_reference: str) -> None:
    snippet = _snippet("accuracy 0.945")
    for platform, expected in [(reference.REFERENCE, on_reference), (OFF, off_reference)]:
        message = examples.failure(snippet, _record(printed, platform))
        assert (message is None) == (expected == "pass"), (platform, message)
    assert "compared exactly: it ran on the reference platform" in examples.failure(
        snippet, _record("accuracy 0.943\n", reference.REFERENCE))
    assert "threads 2 (reference 1)" in examples.failure(snippet, _record("accuracy 0.756\n", OFF))


def test_the_mode_can_be_forced_either_way(monkeypatch) -> None:
    snippet = _snippet("accuracy 0.945")
    monkeypatch.setenv(outputs.MODE_ENV, outputs.TOLERANT)
    assert examples.failure(snippet, _record("accuracy 0.943\n", reference.REFERENCE)) is None
    monkeypatch.setenv(outputs.MODE_ENV, outputs.EXACT)
    assert "compared exactly" in examples.failure(snippet, _record("accuracy 0.943\n", OFF))
    monkeypatch.setenv(outputs.MODE_ENV, "loose")
    with pytest.raises(ValueError, match=r"DLNOTES_OUTPUTS is 'loose'; expected one of auto, exact, tolerant"):
        outputs.mode(OFF)


@pytest.mark.parametrize("shown, printed", [
    ("torch.Size([2, 3])", "torch.Size([2, 4])"),  # shapes
    ("torch.float32", "torch.float64"),  # dtypes
    ("12 of 500 wrong", "13 of 500 wrong"),  # integers
    ("tensor([0., 1.])", "tensor([1., 1.])"),  # floats shown without decimals
    ("loss 0.25 (sgd)", "loss 0.25 (adam)"),  # text
    ("0.5 0.25", "0.5"),  # a number missing
])
def test_text_integers_shapes_and_dtypes_stay_exact_off_the_reference(shown: str, printed: str) -> None:
    comparison = outputs.compare(shown, printed)
    assert comparison.verdict == outputs.FAILED and not comparison.passes(outputs.TOLERANT)


@pytest.mark.parametrize("shown, printed, verdict", [
    ("F train -56.06, gap +3.1", "F train -55.62, gap +2.9", outputs.WITHIN),  # 0.8 %; two units of 0.1
    ("epsilon 0.2: accuracy 0.010", "epsilon 0.2: accuracy 0.008", outputs.WITHIN),  # two units of 0.001
    ("error 1.2e-05", "error 1.4e-05", outputs.WITHIN),  # units of the exponent shown
    ("error 1.2e-05", "error 1.6e-05", outputs.FAILED),
    ("tensor([ 0.1234, -0.5678])", "tensor([ 0.1235, -0.5677])", outputs.WITHIN),
])
def test_floats_within_one_percent_or_three_units_of_the_last_digit(shown: str, printed: str, verdict: str) -> None:
    assert outputs.compare(shown, printed).verdict == verdict


def test_the_largest_deviation_is_reported_as_a_share_of_its_tolerance() -> None:
    comparison = outputs.compare("a 0.945, b 0.010", "a 0.944, b 0.008")
    assert (comparison.shown, comparison.printed) == ("0.010", "0.008")
    assert comparison.deviation == pytest.approx(0.002 / 0.003)
    assert outputs.allowed("0.945") == pytest.approx(0.00945) and outputs.allowed("0.010") == pytest.approx(0.003)
    assert outputs.allowed("1.") == 0 and outputs.compare("1.", "2.").deviation == math.inf


def test_a_marker_widens_one_snippet_and_must_say_why() -> None:
    marked = "# tolerance: 5% (a difference of two free energies, after 300 epochs of sampling)\nprint(1)"
    assert outputs.rtol_of("print(1)") == outputs.RTOL and outputs.rtol_of(marked) == 0.05
    assert outputs.compare("gap 3.14", "gap 3.00", outputs.rtol_of(marked)).verdict == outputs.WITHIN
    assert outputs.compare("gap 3.14", "gap 3.00").verdict == outputs.FAILED
    with pytest.raises(ValueError, match=r"say why the outputs need 5%"):
        outputs.rtol_of("# tolerance: 5%\nprint(1)")
    with pytest.raises(ValueError, match="at most one"):
        outputs.rtol_of(marked + "\n" + marked)
    snippet = _snippet("gap 3.14", marked.splitlines()[0], "text = 'gap 3.00'")
    assert examples.failure(snippet, _record("gap 3.00\n", OFF)) is None


def test_the_session_summary_names_every_output_that_moved_the_largest_first() -> None:
    compared = [
        ["snippets/a.py:1", outputs.TOLERANT, "off", vars(outputs.compare("0.945", "0.945"))],
        ["snippets/b.py:1", outputs.TOLERANT, "off", vars(outputs.compare("0.945", "0.944"))],
        ["snippets/c.py:1", outputs.TOLERANT, "off", vars(outputs.compare("-56.06", "-55.62"))],
        ["snippets/d.py:1", outputs.EXACT, "ref", vars(outputs.compare("0.945", "0.944"))],
        ["snippets/e.py:1", outputs.TOLERANT, "off", vars(outputs.compare("n 1", "n 2"))],
    ]
    summary = outputs.summary(compared)
    assert summary["counts"] == {outputs.SAME: 1, outputs.WITHIN: 2, outputs.FAILED: 2}
    assert [m["where"] for m in summary["moved"]] == ["snippets/e.py:1", "snippets/c.py:1", "snippets/b.py:1",
                                                       "snippets/d.py:1"]
    lines = outputs.summary_lines(summary)
    assert "outputs: 1 exact, 2 within tolerance, 2 failed" in lines
    assert "compared: 1 exactly, 4 tolerantly (tolerant: floats within 1% or 3 units in the last digit shown)" in lines
    assert "largest deviation: snippets/e.py:1: the text differs, not only its floating-point numbers" in lines
    assert "  within tolerance: snippets/c.py:1: -56.06 -> -55.62, 0.78 of its tolerance" in lines
    assert "  failed: snippets/d.py:1: 0.945 -> 0.944, 0.11 of its tolerance" in lines


def test_the_pins_reach_the_process_that_runs_snippets(tmp_path) -> None:
    """What the runner's child measured is what the pins asked for (here, or as the robustness job sets them)."""
    if "avx2" not in reference._cpu_flags():
        pytest.skip("not an x86-64 CPU with AVX2: the kernels cannot be pinned here")

    def run() -> dict:
        [record] = ensure(page_with(tmp_path, "print(1)\n#> 1"), Store(tmp_path / "store"))
        return record.platform

    platform = remembered(HERE, "pins", run)  # the environment (the pins among it) is part of the memo's key
    pins = reference.pins()
    asked = {"threads": pins[reference.THREADS_ENV], "hash seed": pins["PYTHONHASHSEED"], "MKL": pins["MKL_CBWR"],
             "oneDNN": pins["ONEDNN_MAX_CPU_ISA"], "OpenBLAS": pins["OPENBLAS_CORETYPE"], "deterministic": "on",
             "machine": "x86_64"}
    assert {part: platform[part] for part in asked} == asked
    assert platform["torch kernels"] == pins["ATEN_CPU_CAPABILITY"].upper()  # reference.check refused what cannot run


def test_a_user_setting_wins_over_its_pin() -> None:
    env = {"DLNOTES_THREADS": "2", "ATEN_CPU_CAPABILITY": "avx512"}
    pins = reference.pins(env)
    assert pins["OMP_NUM_THREADS"] == pins["MKL_NUM_THREADS"] == "2" and pins["PYTHONHASHSEED"] == "0"
    if "avx2" in reference._cpu_flags():
        assert pins["ATEN_CPU_CAPABILITY"] == "avx512" and pins["OPENBLAS_CORETYPE"] == "Haswell"


def test_the_reference_names_the_versions_that_dev_py_and_ci_install() -> None:
    for script in ("dev.py", ".ci/run", ".ci/robust"):
        assert f"torch=={reference.TORCH}" in (ROOT / script).read_text(encoding="utf-8"), script
    constraints = (ROOT / "requirements" / "constraints.txt").read_text(encoding="utf-8")
    for name in reference.LIBRARIES:
        assert f"{name}=={reference.REFERENCE[name]}" in constraints
    assert reference.changed(reference.REFERENCE) == {}
    assert reference.describe(OFF) == ("off the reference: torch kernels AVX512 (reference AVX2), "
                                       "threads 2 (reference 1)")


def test_the_hash_seed_counts_only_when_set_before_the_interpreter_started() -> None:
    code = "from pipeline.reference import _hash_seed; print(_hash_seed())"
    seen = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={"PYTHONHASHSEED": seed},
                           capture_output=True, text=True, check=True).stdout.strip() for seed in ("0", "7")]
    assert seen == ["0", "7"]
    assert re.fullmatch(r"0|random", reference._hash_seed())


def test_blas_threads_that_differ_from_torchs_are_part_of_the_platform() -> None:
    assert reference._threads(1, [{"num_threads": 1}]) == "1" and reference._threads(1, []) == "1"
    assert reference._threads(1, [{"num_threads": 4}]) == "1, BLAS 4"
    assert reference.changed({**reference.REFERENCE, "threads": "1, BLAS 4"}) == {"threads": "1, BLAS 4"}


def test_kernels_this_cpu_cannot_run_are_refused_with_the_reason(monkeypatch) -> None:
    monkeypatch.setattr(reference, "_cpu_flags", lambda: {"avx", "avx2"})
    with pytest.raises(ValueError, match=r"OPENBLAS_CORETYPE=SkylakeX needs AVX-512, which this CPU lacks"):
        reference.check({"OPENBLAS_CORETYPE": "SkylakeX"})
    with pytest.raises(ValueError, match=r"ATEN_CPU_CAPABILITY=avx512 needs AVX-512, which this CPU lacks"):
        reference.check({"ATEN_CPU_CAPABILITY": "avx512"})
    reference.check({"OPENBLAS_CORETYPE": "Sandybridge", "ATEN_CPU_CAPABILITY": "default"})
    monkeypatch.setattr(reference, "_cpu_flags", lambda: {"avx2", "avx512f"})
    reference.check({"OPENBLAS_CORETYPE": "SkylakeX"})
