#!/usr/bin/env python3
"""Rerun every comparison the chapters make ("A beats B") over several seeds.

A page states a comparison from one run; this checks that it is not luck. Each
``benchmarks/claims_<chapter>.py`` defines ``CLAIMS``: a one-line description of
the claim mapped to a function of the seed that returns named metrics. Every
claim runs for each seed, on one CPU thread, and the table gives each metric's
mean and standard deviation over the seeds, its minimum and maximum, and in how
many seeds the first metric came out ahead of the second (for a comparison of two).

    .venv/bin/python benchmarks/claims.py                 # seeds 0-4, every claim
    .venv/bin/python benchmarks/claims.py --seeds 0 1 2 3 4 5 6 7 8 9 --only dbn

A report, not a test: the pages say what the spread shows.
"""

import argparse
import importlib.util
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def claims(only: str | None = None) -> dict[str, Callable[[int], dict[str, float]]]:
    """Every claim of every ``claims_<chapter>.py``, in chapter order (by file name)."""
    found = {}
    for file in sorted(HERE.glob("claims_*.py")):
        if only and only not in file.stem:
            continue
        spec = importlib.util.spec_from_file_location(file.stem, file)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        found.update(module.CLAIMS)
    return found


def row(claim: str, results: list[dict[str, float]], seconds: float) -> list[str]:
    """One Markdown row per metric: mean ± sd, min–max; wins of the first metric over the second."""
    names = list(results[0])
    rows = []
    for name in names:
        values = [r[name] for r in results]
        spread = statistics.stdev(values) if len(values) > 1 else 0.0
        rows.append(f"| {claim} | {name} | {statistics.mean(values):.4f} ± {spread:.4f} | "
                    f"{min(values):.4f} – {max(values):.4f} | |")
        claim = ""
    if len(names) == 2:
        first, second = names
        wins = sum(r[first] > r[second] for r in results)
        rows[-1] = rows[-1][:-2] + f" {first} > {second} in {wins} of {len(results)} seeds ({seconds:.0f} s) |"
    else:
        rows[-1] = rows[-1][:-2] + f" ({seconds:.0f} s) |"
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=list(range(5)))
    parser.add_argument("--only", help="only the claims files whose name contains this")
    args = parser.parse_args(argv)
    if len(args.seeds) < 2:
        parser.error("a spread needs at least two seeds")
    torch.set_num_threads(1)
    found = claims(args.only)
    if not found:
        parser.error(f"no claims in {HERE}/claims_*.py" + (f" matching {args.only!r}" if args.only else ""))
    print(f"seeds {args.seeds}, torch {torch.__version__}, one CPU thread\n")
    print("| claim | metric | mean ± sd | min – max | |")
    print("| --- | --- | --- | --- | --- |")
    for claim, run in found.items():
        start = time.perf_counter()
        results = [run(seed) for seed in args.seeds]
        print("\n".join(row(claim, results, time.perf_counter() - start)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
