"""How what a snippet printed is compared with its ``#>`` lines (docs/contributing.en.md#reference).

Exactly on the reference platform; elsewhere (or as ``$DLNOTES_OUTPUTS`` says) each float with decimals within
:func:`allowed`, all else (text, integers, shapes, dtypes) exactly. A ``# tolerance: 5% (why)`` line widens it.
"""

import math
import os
import re
from collections import Counter
from dataclasses import dataclass

from sybil.evaluators.doctest import OutputChecker

from pipeline import reference

RTOL = 0.01
UNITS = 3
MODE_ENV = "DLNOTES_OUTPUTS"
AUTO, EXACT, TOLERANT = "auto", "exact", "tolerant"
MODES = (AUTO, EXACT, TOLERANT)
NUMBER = OutputChecker._number_re  # sybil's: 0.5, -3.14, 1., 2e-05, 1.5E+3; not a bare integer (sybil 10.1, pinned)
MARKER = re.compile(r"^[ \t]*#[ \t]*tolerance:[ \t]*(?P<percent>\d+(?:\.\d+)?)[ \t]*%[ \t]*(?P<why>.*)$",
                    re.MULTILINE)
SAME, WITHIN, FAILED = "exact", "within tolerance", "failed"


def rtol_of(code: str) -> float:
    """:data:`RTOL`, or what the snippet's ``# tolerance: N% (why)`` line says (``ValueError`` without the why)."""
    marks = list(MARKER.finditer(code))
    if not marks:
        return RTOL
    if len(marks) > 1:
        raise ValueError("a snippet has at most one '# tolerance: N% (why)' line")
    if not marks[0]["why"].strip(" \t()—–-:;,"):
        raise ValueError(f"say why the outputs need {marks[0]['percent']}%: '# tolerance: N% (why)'")
    return float(marks[0]["percent"]) / 100


def mode(platform: dict[str, str]) -> str:
    """:data:`EXACT` or :data:`TOLERANT` for a run on ``platform``, as ``$DLNOTES_OUTPUTS`` asks (default auto)."""
    asked = os.environ.get(MODE_ENV, AUTO)
    if asked not in MODES:
        raise ValueError(f"${MODE_ENV} is {asked!r}; expected one of {', '.join(MODES)}")
    if asked != AUTO:
        return asked
    return TOLERANT if reference.changed(platform) else EXACT


@dataclass(frozen=True)
class Comparison:
    """The verdict on one output, and its largest difference."""

    verdict: str  # SAME, WITHIN or FAILED (whatever the mode: the mode decides which pass)
    deviation: float = 0.0  # the largest |printed - shown| over what the tolerance allows: <= 1 is within
    shown: str = ""  # that number, as the page shows it
    printed: str = ""  # and as the code printed it
    why: str = ""  # for FAILED: what differs

    def passes(self, mode: str) -> bool:
        return self.verdict == SAME or (self.verdict == WITHIN and mode == TOLERANT)


def allowed(shown: str, rtol: float = RTOL) -> float:
    """How far a printed number may be from ``shown``: ``max(rtol * |shown|, UNITS units in its last digit)``;
    0 for a float written without decimals (``1.``)."""
    match = NUMBER.fullmatch(shown)
    if match is None:
        raise ValueError(f"{shown!r} is not a floating-point number as sybil reads one")
    fraction, exponent = match["fraction"], match["exponent1"] or match["exponent2"]
    if fraction is None and exponent is None:
        return 0.0
    return max(rtol * abs(float(shown)), UNITS * 10.0 ** (int(exponent or 0) - len(fraction or "")))


def compare(shown: str, printed: str, rtol: float = RTOL) -> Comparison:
    """Compare the ``#>`` text ``shown`` with the text ``printed``: exact, within tolerance, or failed."""
    if shown == printed:
        return Comparison(SAME)
    if NUMBER.sub("\0", shown) != NUMBER.sub("\0", printed):
        return Comparison(FAILED, math.inf, why="the text differs, not only its floating-point numbers")
    worst = Comparison(WITHIN)
    for want, got in zip(*([m.group() for m in NUMBER.finditer(text)] for text in (shown, printed))):
        if want != got:
            limit = allowed(want, rtol)
            deviation = abs(float(got) - float(want)) / limit if limit else math.inf
            if deviation >= worst.deviation:
                worst = Comparison(WITHIN, deviation, want, got)
    if worst.deviation <= 1:
        return worst
    why = (f"{worst.printed} is printed where {worst.shown} is shown: "
           + ("a float shown without decimals must match exactly" if worst.deviation == math.inf else
              f"{worst.deviation:.1f} times the tolerance (±{allowed(worst.shown, rtol):.3g})"))
    return Comparison(FAILED, worst.deviation, worst.shown, worst.printed, why)


def summary(compared: list) -> dict:
    """``[where, mode, platform, vars(Comparison)]`` per output -> the counts of outputs exact, within the
    tolerance or failed (in their run's mode), and every output that moved (not exact), the largest first."""
    counts = dict.fromkeys((SAME, WITHIN, FAILED), 0)
    moved = []
    for where, mode, _, comparison in compared:
        comparison = Comparison(**comparison)
        verdict = comparison.verdict if comparison.passes(mode) else FAILED
        counts[verdict] += 1
        if comparison.verdict != SAME:
            moved.append({**vars(comparison), "where": where, "mode": mode, "verdict": verdict})
    return {"platforms": Counter(c[2] for c in compared), "modes": Counter(c[1] for c in compared), "counts": counts,
            "moved": sorted(moved, key=lambda m: -m["deviation"]), "tolerance": {"rtol": RTOL, "units": UNITS}}


def summary_lines(summary: dict) -> list[str]:
    """:func:`summary` as the lines a test run ends with (``benchmarks/report.py`` shows some of them too)."""
    counts, moved = summary["counts"], summary["moved"]
    sizes = [f"{m['where']}: " + (f"{m['shown']} -> {m['printed']}, {m['deviation']:.2f} of its tolerance"
                                  if m["shown"] else m["why"]) for m in moved]
    modes = ", ".join(f"{n} {mode}ly" for mode, n in sorted(summary["modes"].items()))
    return [*(f"ran on {where} ({n} outputs)" for where, n in sorted(summary["platforms"].items())),
            f"compared: {modes} (tolerant: floats within {RTOL:.0%} or {UNITS} units in the last digit shown)",
            f"outputs: {counts[SAME]} exact, {counts[WITHIN]} within tolerance, {counts[FAILED]} failed",
            f"largest deviation: {sizes[0] if moved else 'none (every output exact)'}",
            *(f"  {m['verdict']}: {size}" for m, size in zip(moved, sizes))]
