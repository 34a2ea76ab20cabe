"""benchmarks/claims.py: every claims file is found, and the table says what the seeds show."""

import ast
import importlib.util

from pipeline.page import ROOT

_spec = importlib.util.spec_from_file_location("claims", ROOT / "benchmarks" / "claims.py")
claims = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(claims)


def _written_claims(file) -> list[str]:
    """The keys of the ``CLAIMS = {...}`` literal in ``file``, read from its source without running it."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    [literal] = [node.value for node in tree.body
                 if isinstance(node, ast.AnnAssign) and ast.unparse(node.target) == "CLAIMS"]
    return [ast.literal_eval(key) for key in literal.keys]


def test_every_claims_file_names_its_claims() -> None:
    """claims() gathers every claim of every file, in chapter order, none lost to another file's same name."""
    files = sorted((ROOT / "benchmarks").glob("claims_*.py"))
    written = {file.stem.removeprefix("claims_"): _written_claims(file) for file in files}
    assert files and all(written.values()), f"a claims file without claims: {written}"
    for chapter, names in written.items():  # "chapter: claim", the chapter the file is named after
        assert all(name.startswith(f"{chapter}: ") for name in names), (chapter, names)
    found = claims.claims()
    assert list(found) == [name for names in written.values() for name in names]
    assert all(callable(run) for run in found.values()), "'chapter: claim' -> f(seed)"
    assert list(claims.claims("rbm")) == written["rbm"]


def test_a_row_gives_mean_spread_range_and_wins() -> None:
    results = [{"a": 0.9, "b": 0.8}, {"a": 0.7, "b": 0.8}, {"a": 0.8, "b": 0.6}]
    first, second = claims.row("x: a beats b", results, 1.0)
    assert first.startswith("| x: a beats b | a | 0.8000 ± 0.1000 | 0.7000 – 0.9000 |")
    assert second.startswith("|  | b | 0.7333 ± 0.1155 | 0.6000 – 0.8000 |")
    assert "a > b in 2 of 3 seeds" in second
