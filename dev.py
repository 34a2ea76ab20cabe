#!/usr/bin/env python3
"""Every command a contributor or CI types (needs only Python >= 3.10).

    python3 dev.py serve      # run what the store lacks, serve the site at http://127.0.0.1:8000,
                              # and run an edited page again while serving (live reload)
    python3 dev.py test       # the whole suite: every example, both languages, the strict build
    python3 dev.py run [PAGE ...]   # run the snippets the result store lacks (default: every page)
    python3 dev.py build      # run what the store lacks, then the static site in site/
    python3 dev.py generate   # regenerate notebooks/ and docs/glossary-words.txt after an edit
    python3 dev.py check      # fail if notebooks/ or docs/glossary-words.txt is out of date (pre-commit)
    python3 dev.py kernels    # run every chapter notebook in a Jupyter kernel, compare with the store
    python3 dev.py prune      # delete stored results that no page's current snippets use
    python3 dev.py clean      # delete .cache/, site/, dist/ and the generated docs/notebooks/
    python3 dev.py offline [zh|en]  # dist/dlnotes-offline-<lang>.zip: the site for file://, notebooks, a wheel
    python3 dev.py pdf [zh|en]      # dist/dlnotes-<lang>.pdf: the book, printed by chromium
    python3 dev.py translations [check PAGE ['#id' ...] | check --all]  # sections changed since checked

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
    return subprocess.run([str(PYTHON), "-c", "import torch"], capture_output=True).returncode == 0


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


PIPELINE = [PYTHON, "-m", "pipeline"]  # the implementation of the commands below (pipeline/__main__.py)
COMMANDS = {
    "build": [PYTHON, "-m", "mkdocs", "build", "--strict"],
    "serve": [PYTHON, "-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8000"],
    "test": [PYTHON, "-m", "pytest"],
    "kernels": [PYTHON, "-m", "pytest", "-m", "kernels", "--dist", "load", "tests/test_kernels.py"],  # a chapter a test
    **{name: [*PIPELINE, name] for name in ("run", "generate", "check", "prune", "offline", "pdf", "translations")},
}
CLEAN = [".cache", "site", "dist", "docs/notebooks"]


def _sources() -> dict[str, int]:
    """What `serve` watches: each page, snippet and library file's modification time."""
    return {str(p): p.stat().st_mtime_ns for top in ("docs", "snippets", "dlnotes") for p in (ROOT / top).rglob("*")
            if p.is_file() and "notebooks" not in p.parts}


def serve(env: dict[str, str], argv: list[str]) -> int:
    """MkDocs' live-reloading server; after an edit, the runner in a new process, then a reload."""
    import time

    server = subprocess.Popen([*map(str, COMMANDS["serve"]), *argv], cwd=ROOT, env=env)
    seen = _sources()
    try:
        while server.poll() is None:
            time.sleep(1)
            if (now := _sources()) != seen:
                seen = now  # mkdocs rebuilds at once and may fail on a missing record: this fills it
                if subprocess.run(list(map(str, COMMANDS["run"])), cwd=ROOT, env=env).returncode == 0:
                    os.utime(ROOT / "mkdocs.yml")  # a rebuild with the new records
    except KeyboardInterrupt:
        server.terminate()
    return server.wait()


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {*COMMANDS, "clean"}:
        print(__doc__, file=sys.stderr)
        return 2
    command, args = argv[0], argv[1:]
    if command == "clean":
        import shutil

        for name in CLEAN:
            shutil.rmtree(ROOT / name, ignore_errors=True)
        return 0
    setup()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner
    sys.path.insert(0, str(ROOT))
    from pipeline.reference import pins  # the standard library only: dev.py may run before .venv exists

    # The reference platform's pins (threads, kernels, hash seed) from the tool's first line on:
    # pytest's own process too, where `-n 0` runs the docstring examples (docs/contributing.en.md#reference).
    env = {**os.environ, **pins()}
    tool = lambda name, more=(): subprocess.run([*map(str, COMMANDS[name]), *more], cwd=ROOT, env=env).returncode  # noqa: E731
    if command in {"build", "serve"}:  # the build only reads the store: fill it first
        if code := tool("run"):
            return code
        if command == "serve":
            return serve(env, args)
    return tool(command, args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
