#!/usr/bin/env python3
"""Measure what contributors and readers wait for, and print it as one report.

A report, not a test: timings depend on the machine and its load, so nothing
here fails CI. It compares each figure with the project's budget (on a 2-core
machine: the suite within 120 s, each snippet within 5 s on one thread, a
chapter page within 1 MB with its assets) and marks what is over.

    .venv/bin/python benchmarks/report.py                 # everything (about 10 minutes)
    .venv/bin/python benchmarks/report.py --skip suite cold models

Parts: ``suite`` (the whole test command's wall time), ``build`` (strict build,
warm), ``cold`` (strict build with no caches: figures, executed notebooks,
rendered notebooks), ``snippets`` (each snippet, one thread, in one process, so
imports are not counted), ``weight`` (each page with everything the browser
loads for it, in headless chromium), ``models`` (benchmarks/spiral_train.py and
benchmarks/rbm_vs_sklearn.py, 3 seeds).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import os
import re
import runpy
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SUITE_BUDGET, SNIPPET_BUDGET, PAGE_BUDGET = 120.0, 5.0, 1_000_000
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def mark(ok: bool) -> str:
    return "ok" if ok else "OVER"


def timed(command: list[str], env: dict | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env or ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return seconds, result.stdout + result.stderr


def suite() -> list[str]:
    seconds, out = timed([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider"])
    summary = [line for line in out.splitlines() if " passed" in line][-1].strip("= ")
    return [f"| whole test suite (`python3 dev.py test`) | {seconds:.0f} s | ≤ {SUITE_BUDGET:.0f} s | "
            f"{mark(seconds <= SUITE_BUDGET)} | {summary} |"]


def build(cold: bool) -> list[str]:
    rows = []
    with tempfile.TemporaryDirectory() as site:
        command = [PYTHON, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", site]
        if cold:
            moved = ROOT / ".cache.report-backup"
            shutil.move(ROOT / ".cache", moved) if (ROOT / ".cache").exists() else None
            try:
                seconds, _ = timed(command)
            finally:
                if moved.exists():
                    shutil.rmtree(ROOT / ".cache", ignore_errors=True)
                    shutil.move(moved, ROOT / ".cache")
            rows.append(f"| strict build, cold (no figure, notebook or HTML cache) | {seconds:.0f} s | | | "
                        "runs every figure snippet and every notebook |")
        timed(command)  # make sure the caches are filled
        seconds, _ = timed(command)
        rows.append(f"| strict build, warm | {seconds:.1f} s | | | both languages, {len(pages())} pages each |")
    return rows


def pages() -> list[str]:
    return sorted(p.stem for p in (ROOT / "docs").glob("*.md") if not p.name.endswith(".en.md"))


def snippets() -> list[str]:
    """Run each snippet once in this process on one thread; time it, imports warmed up first."""
    import matplotlib
    import torch

    matplotlib.use("Agg")
    torch.set_num_threads(1)
    import sklearn.linear_model  # noqa: F401 - imported before timing, as in a test session

    import dlnotes  # noqa: F401

    times: dict[str, float] = {}
    for path in sorted((ROOT / "snippets").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            runpy.run_path(str(path), run_name="__main__")
        times[rel] = time.perf_counter() - start
    rows = ["", "| snippet (one CPU thread) | time | budget | |", "| --- | --- | --- | --- |"]
    for rel, seconds in sorted(times.items(), key=lambda kv: -kv[1]):
        rows.append(f"| `{rel}` | {seconds:.2f} s | ≤ {SNIPPET_BUDGET:.0f} s | {mark(seconds <= SNIPPET_BUDGET)} |")
    over = sum(seconds > SNIPPET_BUDGET for seconds in times.values())
    rows.append(f"| **{len(times)} snippets, total** | {sum(times.values()):.1f} s | | {over} over |")
    # a page's examples: the snippets it includes (both languages include the same ones)
    rows += ["", "| page's examples (its snippets, one thread) | time |", "| --- | --- |"]
    for page in pages():
        text = (ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8")
        included = set(re.findall(r'--8<--\s+"(snippets/[^":]+\.py)', text))
        rows.append(f"| `docs/{page}.md` | {sum(times.get(s, 0.0) for s in included):.1f} s |")
    return rows


def weight() -> list[str]:
    """Load each page in headless chromium and add up every response it gets."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return ["", "page weight: skipped (no chromium)"]
    rows = ["", "| page and all it loads: raw (gzip, as GitHub Pages serves it) | zh | en | budget | |",
            "| --- | --- | --- | --- | --- |"]
    with tempfile.TemporaryDirectory() as root:
        site = Path(root) / "dlnotes"
        timed([PYTHON, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)])
        class Quiet(SimpleHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=root))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/dlnotes/"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            for page_name in pages() + [f"notebooks/{c}" for c in ("dbn", "spiral")]:
                sizes = []
                for prefix in ["", "en/"]:
                    path = "" if page_name == "index" else f"{page_name}/"
                    context = browser.new_context()
                    urls: set[str] = set()
                    context.on("request", lambda r, urls=urls: urls.add(r.url))
                    tab = context.new_page()
                    tab.goto(base + prefix + path, wait_until="networkidle")
                    tab.wait_for_timeout(500)  # the search worker fetches its index after load
                    context.close()
                    files = {Path(root) / urlparse(u).path.lstrip("/") for u in urls if u.startswith(base)}
                    files = {f / "index.html" if f.is_dir() else f for f in files}
                    files = [f for f in files if f.is_file()]
                    sizes.append((sum(f.stat().st_size for f in files),
                                  sum(len(gzip.compress(f.read_bytes())) for f in files)))
                cells = [f"{raw / 1e6:.2f} MB ({packed / 1e6:.2f} MB)" for raw, packed in sizes]
                worst = max(raw for raw, _ in sizes)
                rows.append(f"| `{page_name}` | {cells[0]} | {cells[1]} | ≤ 1 MB | {mark(worst <= PAGE_BUDGET)} |")
            browser.close()
        server.shutdown()
    return rows


def models() -> list[str]:
    rows = ["", "model benchmarks the chapters define:", "", "```text"]
    for command in [[PYTHON, "benchmarks/spiral_train.py", "--repeats", "3"],
                    [PYTHON, "benchmarks/rbm_vs_sklearn.py", "--seeds", "0", "1", "2"]]:
        _, out = timed(command)
        rows += [f"$ {' '.join(command[1:])}", *[line for line in out.splitlines() if "WARNING" not in line], ""]
    return rows + ["```"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parts = ["suite", "build", "cold", "snippets", "weight", "models"]
    parser.add_argument("--skip", nargs="*", default=[], choices=parts)
    args = parser.parse_args()
    import torch

    print(f"# dlnotes benchmark report\n\n{os.cpu_count()} CPUs, torch {torch.__version__}, "
          f"{time.strftime('%Y-%m-%d %H:%M')}\n")
    print("| what | measured | budget | | note |\n| --- | --- | --- | --- | --- |")
    if "suite" not in args.skip:
        print("\n".join(suite()))
    if "build" not in args.skip:
        print("\n".join(build(cold="cold" not in args.skip)))
    for part, function in [("snippets", snippets), ("weight", weight), ("models", models)]:
        if part not in args.skip:
            print("\n".join(function()), flush=True)


if __name__ == "__main__":
    main()
