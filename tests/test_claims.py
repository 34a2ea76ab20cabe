"""benchmarks/claims.py: every claims file is found, and the table says what the seeds show."""

from __future__ import annotations

import importlib.util

from pipeline.page import ROOT

_spec = importlib.util.spec_from_file_location("claims", ROOT / "benchmarks" / "claims.py")
claims = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(claims)


def test_every_claims_file_names_its_claims() -> None:
    files = sorted((ROOT / "benchmarks").glob("claims_*.py"))
    found = claims.claims()
    assert files and len(found) >= len(files)
    assert all(callable(run) and ":" in claim for claim, run in found.items()), "'chapter: claim' -> f(seed)"


def test_a_row_gives_mean_spread_range_and_wins() -> None:
    results = [{"a": 0.9, "b": 0.8}, {"a": 0.7, "b": 0.8}, {"a": 0.8, "b": 0.6}]
    first, second = claims.row("x: a beats b", results, 1.0)
    assert first.startswith("| x: a beats b | a | 0.8000 ± 0.1000 | 0.7000 – 0.9000 |")
    assert second.startswith("|  | b | 0.7333 ± 0.1155 | 0.6000 – 0.8000 |")
    assert "a > b in 2 of 3 seeds" in second
