"""How what a snippet printed is compared with the ``#>`` lines of its page.

A run on the reference platform (:mod:`pipeline.reference`) must print the
``#>`` lines exactly, every character. A run anywhere else (a GPU, another
thread count or CPU, macOS, a newer torch) cannot: other kernels sum in another
order, and training carries that into the last printed digits. There the
comparison is **tolerant**: the text, the integers, the shapes and the dtypes
must still match exactly, and each floating-point number (written with a point
or an exponent, as sybil's own number pattern finds it) within

    |printed - shown| <= max(RTOL * |shown|, UNITS units in the last digit shown)

with ``RTOL`` = 1 % and ``UNITS`` = 3: 0.945 -> 0.944 (one unit), 0.010 -> 0.008
(two units) and -56.06 -> -55.62 (0.8 %) pass; 0.945 -> 0.756 (20 %) fails in
every mode. A float shown without decimals (``1.``, ``tensor([0., 1.])``) is
compared exactly. The last-digit part follows what a page chose to print: a
number that moves by more than its tolerance when only the rounding order changes
should be printed with fewer digits (or averaged over seeds), and its claim carried
by an assert. Only where that cannot be done, a comment line in the snippet widens
the relative part for that snippet and says why (:data:`MARKER`):

    # tolerance: 5% (a difference of two free energies near -56, after 300 epochs of sampling)

Which comparison applies is chosen per run: exact when the record's platform is
the reference, tolerant otherwise (``$DLNOTES_OUTPUTS``, set by
``python3 dev.py test --outputs exact|tolerant``, forces one). Asserts are the
claims: they hold in every mode.
"""

from __future__ import annotations

import math
import os
import re
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


class MarkerError(ValueError):
    """A ``# tolerance:`` comment without its reason, or more than one in a snippet."""


def rtol_of(code: str) -> float:
    """The relative tolerance of a snippet: :data:`RTOL`, or what its ``# tolerance: N% (why)`` line says."""
    marks = list(MARKER.finditer(code))
    if not marks:
        return RTOL
    if len(marks) > 1:
        raise MarkerError("a snippet has at most one '# tolerance: N% (why)' line")
    if not marks[0]["why"].strip(" \t()—–-:;,"):
        raise MarkerError(f"say why the outputs need {marks[0]['percent']}%: '# tolerance: N% (why)'")
    return float(marks[0]["percent"]) / 100


def mode(platform: dict[str, str]) -> str:
    """:data:`EXACT` or :data:`TOLERANT` for a run on ``platform``, as ``$DLNOTES_OUTPUTS`` asks (default auto)."""
    asked = os.environ.get(MODE_ENV, AUTO)
    if asked not in MODES:
        raise ValueError(f"${MODE_ENV} is {asked!r}; expected one of {', '.join(MODES)}")
    if asked != AUTO:
        return asked
    return EXACT if not reference.differences(platform) else TOLERANT


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
    """How far a printed number may be from ``shown``; 0 for a float written without decimals (``1.``)."""
    match = NUMBER.fullmatch(shown)
    if match is None:
        raise ValueError(f"{shown!r} is not a floating-point number as sybil reads one")
    fraction, exponent = match["fraction"], match["exponent1"] or match["exponent2"]
    if fraction is None and exponent is None:
        return 0.0
    unit = 10.0 ** (int(exponent or 0) - len(fraction or ""))
    return max(rtol * abs(float(shown)), UNITS * unit)


def compare(shown: str, printed: str, rtol: float = RTOL) -> Comparison:
    """Compare the ``#>`` text ``shown`` with the text ``printed``: exact, within tolerance, or failed."""
    if shown == printed:
        return Comparison(SAME)
    if NUMBER.sub("\0", shown) != NUMBER.sub("\0", printed):
        return Comparison(FAILED, math.inf, why="the text differs, not only its floating-point numbers")
    worst = Comparison(WITHIN)
    for want, got in zip(*([m.group() for m in NUMBER.finditer(text)] for text in (shown, printed))):
        if want == got:
            continue
        limit = allowed(want, rtol)
        deviation = abs(float(got) - float(want)) / limit if limit else math.inf
        if deviation >= worst.deviation:
            worst = Comparison(WITHIN, deviation, want, got)
    if worst.deviation > 1:
        why = (f"{worst.printed} is printed where {worst.shown} is shown: "
               + ("a float shown without decimals must match exactly" if worst.deviation == math.inf else
                  f"{worst.deviation:.1f} times the tolerance (±{allowed(worst.shown, rtol):.3g})"))
        return Comparison(FAILED, worst.deviation, worst.shown, worst.printed, why)
    return worst


def summary(compared: list) -> dict:
    """What a test session compared: ``compared`` has ``[where, mode, platform, vars(Comparison)]`` per output.

    The counts are of outputs (a snippet's ``#>`` lines, or a docstring example's expected
    output) that matched exactly, differed within the tolerance, or failed; ``moved`` lists
    every output that was not exact, the largest deviation first.
    """
    counts = {SAME: 0, WITHIN: 0, FAILED: 0}
    platforms: dict[str, int] = {}
    modes: dict[str, int] = {}
    moved = []
    for where, mode, platform, comparison in compared:
        comparison = Comparison(**comparison)
        verdict = comparison.verdict if comparison.passes(mode) else FAILED
        counts[verdict] += 1
        modes[mode] = modes.get(mode, 0) + 1
        platforms[platform] = platforms.get(platform, 0) + 1
        if comparison.verdict != SAME:
            moved.append({"where": where, "mode": mode, "verdict": verdict, "shown": comparison.shown,
                          "printed": comparison.printed, "deviation": comparison.deviation, "why": comparison.why})
    moved.sort(key=lambda m: -m["deviation"])
    return {"platforms": platforms, "modes": modes, "counts": counts, "moved": moved,
            "tolerance": {"rtol": RTOL, "units": UNITS}}


def _moved(m: dict) -> str:
    """One moved output of a :func:`summary`, in words: where, and by how much (or why it failed)."""
    size = f"{m['shown']} -> {m['printed']}, {m['deviation']:.2f} of its tolerance" if m["shown"] else m["why"]
    return f"{m['where']}: {size}"


def largest(summary: dict) -> str:
    """The largest deviation of a :func:`summary` and its snippet, in words."""
    return _moved(summary["moved"][0]) if summary["moved"] else "none (every output exact)"


def summary_lines(summary: dict) -> list[str]:
    """:func:`summary` as the lines a test run ends with (``benchmarks/report.py`` prints them too)."""
    counts = summary["counts"]
    lines = [f"ran on {where} ({n} outputs)" for where, n in sorted(summary["platforms"].items())]
    modes = ", ".join(f"{n} {mode}ly" for mode, n in sorted(summary["modes"].items()))
    lines += [f"compared: {modes} (tolerant: floats within {RTOL:.0%} or {UNITS} units in the last digit shown)",
              f"outputs: {counts[SAME]} exact, {counts[WITHIN]} within tolerance, {counts[FAILED]} failed",
              f"largest deviation: {largest(summary)}"]
    return lines + [f"  {m['verdict']}: {_moved(m)}" for m in summary["moved"]]
