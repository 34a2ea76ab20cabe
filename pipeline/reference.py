"""The reference platform: where every ``#>`` line of the site is printed, digit for digit.

A floating-point result depends on the order in which its sums are taken, and
that order depends on the kernels (AVX2 or AVX-512, OpenBLAS's choice for this
CPU), the number of threads and the device. A training run can carry a
difference in the last bit into a printed digit. So the pages' outputs are
printed on one platform, pinned completely in every process that runs
snippets (the runner's children, the notebook kernels, the test workers):

===========================  ==========================================  ==================================
part                         reference                                   pinned by
===========================  ==========================================  ==================================
CPU                          x86-64 with AVX2 (Intel or AMD; a CPU with  --
                             AVX-512 runs the AVX2 kernels)
torch's kernels              AVX2                                        ``$ATEN_CPU_CAPABILITY=avx2``
torch's BLAS (MKL)           the AVX2 branch, reproducible across CPUs   ``$MKL_CBWR=AVX2``
torch's oneDNN               AVX2                                        ``$ONEDNN_MAX_CPU_ISA=AVX2``
NumPy's and SciPy's BLAS     OpenBLAS, Haswell kernels                   ``$OPENBLAS_CORETYPE=Haswell``
threads                      1                                           ``$DLNOTES_THREADS``, :func:`pin`
hash seed                    0                                           ``$PYTHONHASHSEED=0``
deterministic algorithms     on                                          :func:`pin`
versions                     torch :data:`TORCH`; NumPy, SciPy and       the install (``dev.py``)
                             scikit-learn as in requirements/constraints
===========================  ==========================================  ==================================

A variable already set in the environment wins over its pin: that is how a run
asks for another platform (``DLNOTES_THREADS=2 ATEN_CPU_CAPABILITY=avx512``).
Each run :func:`measure` s the platform it really had (the record keeps it), and
:mod:`pipeline.outputs` compares a run on the reference exactly and any other
within a stated tolerance.

Only the standard library is imported at the top: the test session pins its
workers' environment before anything imports torch or NumPy (``conftest.py``).
"""

from __future__ import annotations

import os
import platform
import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
THREADS_ENV = "DLNOTES_THREADS"
"""CPU threads of a process that runs snippets (default 1, the reference: small models, steadier timings)."""
TORCH = "2.13.0"
"""The reference torch (``dev.py`` and ``.ci/run`` install it; the package itself accepts any torch >= 2.1)."""
LIBRARIES = ("numpy", "scipy", "scikit-learn")
"""Besides torch, the libraries whose numerical code a snippet's output can depend on."""

_ISA_PINS = {"ATEN_CPU_CAPABILITY": "avx2", "MKL_CBWR": "AVX2", "ONEDNN_MAX_CPU_ISA": "AVX2",
             "OPENBLAS_CORETYPE": "Haswell"}
"""The kernels of the reference, pinned on an x86-64 CPU that has AVX2 (elsewhere they cannot be)."""


LAST_DIGITS = {
    "zh": "；在 GPU 或 Colab 上，数字的最后几位可能不同，assert 仍然成立",
    "en": "; on a GPU or in Colab the last digits may differ, while the asserts hold",
}
"""What a reader may expect off the reference, said under each output and atop each notebook."""


def _constraint(name: str) -> str:
    match = re.search(rf"(?im)^{re.escape(name)}==(\S+)", CONSTRAINTS.read_text(encoding="utf-8"))
    return match[1] if match else "?"


REFERENCE: dict[str, str] = {
    "machine": "x86_64",
    "device": "cpu",
    "torch kernels": "AVX2",
    "MKL": "AVX2",
    "oneDNN": "AVX2",
    "OpenBLAS": "Haswell",
    "threads": "1",
    "hash seed": "0",
    "deterministic": "on",
    "torch": TORCH,
    **{name: _constraint(name) for name in LIBRARIES},
}
"""The reference platform, as :func:`measure` reports a platform."""


_AVX512_CORES = {"skylakex", "cooperlake", "sapphirerapids"}
"""OpenBLAS core types that use AVX-512: forced on a CPU without it, a process dies of an illegal instruction."""


def _cpu_flags() -> set[str]:
    """The flags of an x86-64 CPU, read from /proc/cpuinfo (no import of torch); empty elsewhere."""
    if platform.machine().lower() not in {"x86_64", "amd64"}:
        return set()
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace")
    except OSError:  # not Linux: the kernels stay torch's own choice, and measure() says which
        return set()
    flags = re.search(r"(?m)^flags\s*:(.*)$", cpuinfo)
    return set(flags[1].split()) if flags else set()


def _has_avx2() -> bool:
    """Whether this is an x86-64 CPU with AVX2."""
    return "avx2" in _cpu_flags()


def check(environ: dict[str, str] | os._Environ | None = None) -> None:
    """Raise ``ValueError`` for AVX-512 kernels asked of a CPU without AVX-512.

    Neither torch (``ATEN_CPU_CAPABILITY=avx512``) nor OpenBLAS (``OPENBLAS_CORETYPE=SkylakeX``)
    falls back: a process that uses them dies of an illegal instruction (seen on this project's
    AMD AVX2 machines), far from the setting that caused it.
    """
    environ = os.environ if environ is None else environ
    asked = {name: environ.get(name, "") for name in ("ATEN_CPU_CAPABILITY", "OPENBLAS_CORETYPE")}
    flags = _cpu_flags()
    for name, value in asked.items():
        if (value.lower() == "avx512" or value.lower() in _AVX512_CORES) and flags and "avx512f" not in flags:
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
        **(_ISA_PINS if _has_avx2() else {}),
    }
    return {name: environ.get(name, value) for name, value in wanted.items()}


def pin() -> None:
    """Pin what no environment variable reaches, in this process: torch's threads, deterministic algorithms."""
    import torch

    torch.set_num_threads(int(os.environ.get(THREADS_ENV, "1")))
    torch.use_deterministic_algorithms(True)


def measure(device: str = "cpu") -> dict[str, str]:
    """The platform of this process, as :data:`REFERENCE` names it (``device`` as the runs use it)."""
    import numpy  # noqa: F401 - loads NumPy's BLAS, which threadpoolctl then describes
    import torch

    blas = [lib for lib in _blas_libraries() if lib.get("internal_api") == "openblas"]
    mkl = torch.backends.mkl.is_available()
    return {
        "machine": platform.machine(),
        "device": device,
        "torch kernels": torch.backends.cpu.get_cpu_capability(),
        "MKL": os.environ.get("MKL_CBWR", "automatic") if mkl else "none",
        "oneDNN": os.environ.get("ONEDNN_MAX_CPU_ISA", "automatic") if torch.backends.mkldnn.is_available() else "none",
        "OpenBLAS": blas[0].get("architecture", "?") if blas else "none",
        "threads": _threads(torch.get_num_threads(), blas),
        "hash seed": _hash_seed(),
        "deterministic": "on" if torch.are_deterministic_algorithms_enabled() else "off",
        "torch": torch.__version__.split("+")[0],
        **{name: _version(name) for name in LIBRARIES},
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


def _blas_libraries() -> list[dict]:
    """What threadpoolctl (a scikit-learn dependency) says of the BLAS libraries loaded (NumPy's, SciPy's)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return []
    return [lib for lib in threadpool_info() if lib.get("user_api") == "blas"]


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "none"


def changed(measured: dict[str, str]) -> dict[str, str]:
    """The parts of ``measured`` that differ from the reference, with their values: ``{"threads": "2"}``."""
    return {part: measured.get(part, "?") for part, value in REFERENCE.items() if measured.get(part) != value}


def differences(measured: dict[str, str]) -> list[str]:
    """How ``measured`` differs from the reference: ``["threads 2 (reference 1)", ...]``; empty on it."""
    return [f"{part} {value} (reference {REFERENCE[part]})" for part, value in changed(measured).items()]


def describe(measured: dict[str, str]) -> str:
    """One line: ``the reference platform (x86_64 cpu, ...)`` or what differs from it."""
    off = differences(measured)
    if not off:
        return (f"the reference platform ({measured['machine']} {measured['device']}, torch {measured['torch']}, "
                f"{measured['torch kernels']} kernels, OpenBLAS {measured['OpenBLAS']}, {measured['threads']} thread)")
    return "off the reference: " + ", ".join(off)


def short(language: str) -> str:
    """The reference in a few words for readers: ``x86-64, AVX2, 1 thread, torch 2.13.0``."""
    threads = {"zh": "{} 个线程", "en": "{} thread"}[language].format(REFERENCE["threads"])
    return {"zh": "、", "en": ", "}[language].join(["x86-64", "AVX2", threads, f"torch {REFERENCE['torch']}"])
