"""The reference platform, where every ``#>`` line is printed digit for digit (docs/contributing.en.md#reference):
:func:`pins` and :func:`pin` fix it in each process that runs snippets, :func:`measure` says what a process had.
The standard library only at the top: conftest.py pins the environment before anything imports torch or NumPy.
"""

import os
import platform
import re
import sys
from importlib import metadata
from pathlib import Path

THREADS_ENV = "DLNOTES_THREADS"  # CPU threads of a process that runs snippets (default 1, the reference)
TORCH = "2.13.0"  # the reference torch, as dev.py and .ci/run install it (the package accepts any torch >= 2.1)
LIBRARIES = ("numpy", "scipy", "scikit-learn")  # besides torch, whose numerical code an output can depend on
_ISA_PINS = {"ATEN_CPU_CAPABILITY": "avx2", "MKL_CBWR": "AVX2", "ONEDNN_MAX_CPU_ISA": "AVX2",
             "OPENBLAS_CORETYPE": "Haswell"}  # pinned only on an x86-64 CPU with AVX2
_AVX512 = {"avx512", "skylakex", "cooperlake", "sapphirerapids"}  # torch's and OpenBLAS's AVX-512 kernels

CONSTRAINTS = Path(__file__).resolve().parents[1] / "requirements" / "constraints.txt"
_PINNED = dict(re.findall(r"(?m)^([\w.-]+)==(\S+)", CONSTRAINTS.read_text(encoding="utf-8")))  # name -> version
REFERENCE: dict[str, str] = {  # as measure() reports a platform
    "machine": "x86_64", "device": "cpu", "torch kernels": "AVX2", "MKL": "AVX2", "oneDNN": "AVX2",
    "OpenBLAS": "Haswell", "threads": "1", "hash seed": "0", "deterministic": "on", "torch": TORCH,
    **{name: _PINNED.get(name, "?") for name in LIBRARIES},
}


def _cpu_flags() -> set[str]:
    """The flags of an x86-64 CPU, read from /proc/cpuinfo (no import of torch); empty elsewhere (ARM: "Features")."""
    try:
        flags = re.search(r"(?m)^flags\s*:(.*)$", Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace"))
    except OSError:  # not Linux: the kernels stay torch's own choice, and measure() says which
        return set()
    return set(flags[1].split()) if flags else set()


def check(environ: dict[str, str] | os._Environ | None = None) -> None:
    """Raise ``ValueError`` for AVX-512 kernels asked of a CPU without AVX-512: neither torch nor OpenBLAS falls
    back, and a process that uses them dies of an illegal instruction, far from the setting that caused it."""
    environ = os.environ if environ is None else environ
    flags = _cpu_flags()
    for name in ("ATEN_CPU_CAPABILITY", "OPENBLAS_CORETYPE"):
        value = environ.get(name, "")
        if value.lower() in _AVX512 and flags and "avx512f" not in flags:
            raise ValueError(f"{name}={value} needs AVX-512, which this CPU lacks; "
                             "ask for AVX2 kernels (avx2, Haswell) or older ones (default, Sandybridge) instead")


def pins(environ: dict[str, str] | os._Environ | None = None) -> dict[str, str]:
    """The environment variables that pin the reference in a new process; a variable already set wins."""
    environ = os.environ if environ is None else environ
    threads = environ.get(THREADS_ENV, "1")
    wanted = {
        THREADS_ENV: threads, "OMP_NUM_THREADS": threads, "OPENBLAS_NUM_THREADS": threads, "MKL_NUM_THREADS": threads,
        "PYTHONHASHSEED": "0",
        "CUBLAS_WORKSPACE_CONFIG": ":4096:8",  # what deterministic cuBLAS needs on a GPU (unused on a CPU)
        **(_ISA_PINS if "avx2" in _cpu_flags() else {}),
    }
    return {name: environ.get(name, value) for name, value in wanted.items()}


def pin() -> None:
    """Pin what no environment variable reaches, in this process: torch's threads, deterministic algorithms."""
    import torch

    torch.set_num_threads(int(os.environ.get(THREADS_ENV, "1")))
    torch.use_deterministic_algorithms(True)


def measure(device: str = "cpu") -> dict[str, str]:
    """The platform of this process, as :data:`REFERENCE` names it (``device`` as the runs use it)."""
    import numpy  # noqa: F401 - loads NumPy's BLAS, which threadpoolctl (a scikit-learn dependency) then describes
    import torch
    from threadpoolctl import threadpool_info

    blas = [lib for lib in threadpool_info() if lib.get("internal_api") == "openblas"]
    return {
        "machine": platform.machine(),
        "device": device,
        "torch kernels": torch.backends.cpu.get_cpu_capability(),
        "MKL": os.environ.get("MKL_CBWR", "automatic") if torch.backends.mkl.is_available() else "none",
        "oneDNN": os.environ.get("ONEDNN_MAX_CPU_ISA", "automatic") if torch.backends.mkldnn.is_available() else "none",
        "OpenBLAS": blas[0].get("architecture", "?") if blas else "none",
        "threads": _threads(torch.get_num_threads(), blas),
        "hash seed": _hash_seed(),
        "deterministic": "on" if torch.are_deterministic_algorithms_enabled() else "off",
        "torch": torch.__version__.split("+")[0],
        **{name: metadata.version(name) for name in LIBRARIES},  # installed: the store's key names them
    }


def _threads(torch_threads: int, blas: list[dict]) -> str:
    """``1``, or ``1, BLAS 4`` where OpenBLAS runs on another number of threads than torch."""
    other = {lib.get("num_threads") for lib in blas} - {torch_threads}
    return str(torch_threads) + (f", BLAS {other.pop()}" if other else "")


def _hash_seed() -> str:
    """This interpreter's hash seed: ``$PYTHONHASHSEED`` counts only if it was set when the interpreter started."""
    if not sys.flags.hash_randomization:
        return "0"
    seed = os.environ.get("PYTHONHASHSEED", "random")
    return "random" if seed == "0" else seed  # set to 0 after this interpreter started: still random here


def changed(measured: dict[str, str]) -> dict[str, str]:
    """The parts of ``measured`` that differ from the reference, with their values: ``{"threads": "2"}``."""
    return {part: measured.get(part, "?") for part, value in REFERENCE.items() if measured.get(part) != value}


def describe(measured: dict[str, str]) -> str:
    """One line: ``the reference platform (x86-64, ...)`` or ``off the reference: threads 2 (reference 1), ...``."""
    off = [f"{part} {value} (reference {REFERENCE[part]})" for part, value in changed(measured).items()]
    return "off the reference: " + ", ".join(off) if off else f"the reference platform ({short('en')})"


def short(language: str) -> str:
    """The reference in a few words for readers: ``x86-64, AVX2, 1 thread, torch 2.13.0``."""
    from pipeline.site import WORDS

    return WORDS[language]["reference"].format(torch=TORCH)
