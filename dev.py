#!/usr/bin/env python3
"""Set up, serve and test dlnotes with one command each (needs only Python >= 3.10).

    python3 dev.py serve      # the bilingual site at http://127.0.0.1:8000 (live reload)
    python3 dev.py test       # the whole suite: every example, both languages, the strict build
    python3 dev.py build      # the static site in site/
    python3 dev.py generate   # regenerate notebooks/ and docs/glossary-words.txt after an edit
    python3 dev.py notebooks  # run every chapter notebook in a Jupyter kernel (an extra check)
    python3 dev.py offline [zh|en]  # dist/dlnotes-offline-<lang>.zip: the site for file://, notebooks, a wheel
    python3 dev.py pdf [zh|en]      # dist/dlnotes-<lang>.pdf: the book, printed by chromium
    python3 dev.py translations [check|pending PAGE '#id' | --all]  # which sections' translations are stale

The first run creates .venv/ and installs dlnotes with its docs and test tools at
the exact versions of requirements/constraints.txt; later runs reinstall only
when pyproject.toml or the constraints change. PyTorch is installed only when the
venv has none, as $DLNOTES_TORCH (default torch==2.13.0, the version CI uses):
set it to pick another build, e.g. DLNOTES_TORCH="torch --index-url ...".
$DLNOTES_UNPINNED=1 installs the newest releases instead of the pinned ones (.ci/latest).
Extra arguments go to the tool: `python3 dev.py test -k tensors --device cuda`.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
STAMP = VENV / ".dlnotes-installed"
UNPINNED = "DLNOTES_UNPINNED"  # set: install the newest releases, as Colab does (.ci/latest)


def run(*args: str | os.PathLike) -> None:
    print("+", " ".join(shlex.quote(str(a)) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True)


def _has_torch() -> bool:
    probe = subprocess.run([str(PYTHON), "-c", "import torch"], capture_output=True)
    return probe.returncode == 0


def setup() -> None:
    """Create .venv and install what is missing or out of date."""
    if sys.version_info < (3, 10):  # noqa: UP036 - dev.py may be started by an older python3
        sys.exit(f"dlnotes needs Python >= 3.10; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        run(sys.executable, "-m", "venv", VENV)
    if not _has_torch():
        run(PYTHON, "-m", "pip", "install", *shlex.split(os.environ.get("DLNOTES_TORCH", "torch==2.13.0")))
    pins = [] if os.environ.get(UNPINNED) else ["-c", CONSTRAINTS]
    digest = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + (CONSTRAINTS.read_bytes() if pins else b"unpinned")
    ).hexdigest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    run(PYTHON, "-m", "pip", "install", "--quiet", *pins, "-e", ".[docs,test]")
    STAMP.write_text(digest)


def main(argv: list[str]) -> int:
    commands = {
        "serve": [PYTHON, "-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8000"],
        "build": [PYTHON, "-m", "mkdocs", "build", "--strict"],
        "test": [PYTHON, "-m", "pytest"],
        "generate": [PYTHON, "-m", "pipeline", "generate"],
        "notebooks": [PYTHON, "-m", "pipeline", "execute"],
        "offline": [PYTHON, "-m", "pipeline.offline"],
        "pdf": [PYTHON, "-m", "pipeline.pdf"],
        "translations": [PYTHON, "-m", "pipeline.translations"],
    }
    if not argv or argv[0] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    setup()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner
    sys.path.insert(0, str(ROOT))
    from pipeline.reference import pins  # the standard library only: dev.py may run before .venv exists

    # The reference platform's pins (threads, kernels, hash seed) from the tool's first line on:
    # pytest's own process too, where `-n 0` runs the docstring examples (docs/contributing.en.md#reference).
    env = {**os.environ, **pins()}
    return subprocess.run([*map(str, commands[argv[0]]), *argv[1:]], cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
