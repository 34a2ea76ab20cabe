"""dlnotes.get_device and dlnotes.set_seed: one switch for the device, clear errors."""

import subprocess
import sys
from pathlib import Path

import pytest
import torch

from dlnotes import DEVICE_ENV_VAR, get_device, set_seed
from tests.memo import remembered

pytestmark = pytest.mark.processes  # starts interpreters: early in the test order (conftest.py)


def test_cpu_is_the_default(monkeypatch) -> None:
    monkeypatch.delenv(DEVICE_ENV_VAR, raising=False)
    assert get_device() == torch.device("cpu")


def test_environment_variable_is_read(monkeypatch) -> None:
    monkeypatch.setenv(DEVICE_ENV_VAR, " CPU ")
    assert get_device() == torch.device("cpu")


def test_argument_wins_over_environment(monkeypatch) -> None:
    monkeypatch.setenv(DEVICE_ENV_VAR, "no-such-device")
    assert get_device("cpu") == torch.device("cpu")


def test_auto_picks_cuda_only_when_available() -> None:
    expected = "cuda" if torch.cuda.is_available() else "cpu"
    assert get_device("auto").type == expected


@pytest.mark.parametrize("bad", ["tpu", "cuda:x", "cpu:0:1", "", "auto:1"])
def test_unknown_names_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError, match="expected 'cpu'|takes no index"):
        get_device(bad)


def test_bad_environment_value_names_the_variable(monkeypatch) -> None:
    monkeypatch.setenv(DEVICE_ENV_VAR, "gpu")
    with pytest.raises(ValueError, match=rf"'gpu' \(from \${DEVICE_ENV_VAR}\)"):
        get_device()


@pytest.mark.parametrize("bad", [0, 1.0, torch.device("cpu"), b"cpu"])
def test_non_strings_are_rejected(bad) -> None:
    with pytest.raises(TypeError, match="must be a str or None"):
        get_device(bad)


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has CUDA")
def test_cuda_without_cuda_says_why() -> None:
    with pytest.raises(RuntimeError, match=r"torch.cuda.is_available\(\) is False"):
        get_device("cuda")


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_cuda_index_out_of_range() -> None:
    with pytest.raises(RuntimeError, match="CUDA device"):
        get_device(f"cuda:{torch.cuda.device_count()}")


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has CUDA")
def test_pytest_stops_early_when_cuda_is_missing() -> None:
    """`--device cuda` on a CPU machine ends the run at once with the reason (remembered: tests/memo.py)."""
    def run() -> dict:
        command = [sys.executable, "-m", "pytest", "--device", "cuda", "-q", "tests/test_device.py"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        return {"returncode": result.returncode, "stderr": result.stderr}

    result = remembered(Path(__file__), "cuda missing", run)
    assert result["returncode"] == 4  # pytest's "usage error"
    assert "cannot run the dlnotes tests here" in result["stderr"]
    assert "is_available() is False" in result["stderr"]


def test_set_seed_repeats_draws() -> None:
    set_seed(123)
    first = torch.randn(5)
    set_seed(123)
    assert torch.equal(torch.randn(5), first)


@pytest.mark.parametrize(
    "bad, error, message",
    [
        (1.5, TypeError, r"seed must be an int, got float"),
        (True, TypeError, r"seed must be an int, got bool"),
        ("0", TypeError, r"seed must be an int, got str"),
        (None, TypeError, r"seed must be an int, got NoneType"),
        (-1, ValueError, r"seed must be in \[0, 4294967295\], got -1"),
        (2**32, ValueError, r"seed must be in \[0, 4294967295\], got 4294967296"),
    ],
)
def test_set_seed_checks_its_argument(bad, error, message) -> None:
    with pytest.raises(error, match=f"^{message}$"):
        set_seed(bad)
