"""Every result number a chapter states comes from the code next to it.

Which numbers are checked:

* In the prose and in a figure's alt text: every decimal number (``0.875``, ``24.2``;
  ``1e-3`` is code, not prose).
* In maths (``$...$``, ``$$...$$``): the *result numbers* only. A result number is a
  decimal with at least three significant digits (``0.926``, ``-4.158``, ``24.2``,
  ``1.00``) or the mantissa of a power of ten (``3.5 \\times 10^{-9}``). Shorter
  decimals (``\\eta = 0.19``, ``0.5``, ``\\varepsilon = 0.1``), integers, fractions,
  indices and exponents are the formula's own constants and settings: not checked.
* Not checked: inline code, link targets, HTML tags, and the References section (citations).

What backs a number: the code of a snippet near it (a ``#>`` output, an assert, or
the argument that set it) holds the number, or a more precise one that rounds to it:
``0.87`` is backed by an output ``0.8749``, ``0.158`` by ``1.58e-01``,
``3.5 \\times 10^{-9}`` by ``3.5e-09``. Signs are not compared.

Near means: a snippet of the number's own section, from its heading to the next
heading of the same or a higher level (a section's subsections are part of it; the
chapter's introduction ends at its first heading). A section with no snippet of its
own (a summary, a discussion) restates what was shown: the code above it in the
chapter counts. A number that a later section restates from an output further away
is listed in :data:`RESTATED` with the snippet that prints it; that snippet must still
back it, and the entry must still be needed. The home page sums the chapters up: its
numbers may come from any chapter's code. :data:`ALLOWED` is for numbers that are
definitions rather than results.
"""

import functools
import re
from decimal import Decimal

import pytest

from pipeline.page import Figure, Page, Prose, Snippet, headings, pages, parse_text

# Not part of a longer token: a version (1.2.3), an exponent (0.5e3), an identifier (v0.5, 0.5x).
# A full stop after it ends a sentence ("... of 0.917.") unless a word or digit follows it (1.2.x).
# ASCII words only: in Chinese a character may touch the number (准确率为0.917).
DECIMAL = re.compile(r"(?<![\w.])\d+\.\d+(?!\w|\.\w)", re.ASCII)
NOT_PROSE = re.compile(r"\$\$.*?\$\$|\$[^$]*\$|`[^`]*`|\]\([^)]*\)|<[^>]*>", re.DOTALL)
POWER = re.compile(r"(?<![\w.])(\d+\.\d+)\s*(?:\\times|\\cdot|×)\s*10\^\{?([-−]?\d+)\}?", re.ASCII)
CODE_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?!\w|\.\d)", re.ASCII)
REFERENCES = {"zh": "## 参考文献", "en": "## References"}

ALLOWED = {  # (page, number): why it needs no code behind it; page "*" is every page
    ("*", "0.5"): "a half: chance for two classes, a sigmoid's midpoint",
    ("glossary", "0.01"): "nn.LeakyReLU's default slope, a definition",
    ("glossary", "2.5"): "the example of a tie in round half to even",
    ("contributing", "3.10"): "the oldest Python version supported",
    ("rbm", "1.4"): "scikit-learn 1.4, the version from which its example's tol=1 stops the solver",
    ("backprop", "0.02"): "0.21 - 0.19, the gap between the two learning rates learning_rate.py sets",
}
RESTATED = {  # (page, number): the snippet further away that prints it, and where the page restates it
    ("approximation", "0.0202"): ("snippets/approximation/staircase.py", "the polyline is compared with it"),
    ("approximation", "0.0117"): ("snippets/approximation/interpolant.py", "exercise 2 starts from it"),
    ("approximation", "3.81"): ("snippets/approximation/interpolant.py", "exercise 2's answer"),
    ("autoencoders", "0.48"): ("snippets/autoencoders/nonlinear.py", "exercise 3 starts from it"),
    ("dbn", "0.969"): ("snippets/dbn/finetune.py", "exercises 2 and 3 compare with it"),
    ("ml-overview", "0.970"): ("snippets/ml_overview/adversarial.py", "the exercise on random noise"),
    ("ml-overview", "0.390"): ("snippets/ml_overview/adversarial.py", "the exercise on random noise"),
    ("neurons", "0.1289"): ("snippets/neurons/activation_grid.py", "the GELU section: 'the ranges above'"),
    ("neurons", "1.1289"): ("snippets/neurons/activation_grid.py", "the GELU section: 'the ranges above'"),
    ("rbm", "0.090"): ("snippets/rbm/likelihood.py", "the section on reconstruction error compares with it"),
    ("spiral", "0.954"): ("snippets/spiral/relu.py", "the section on training longer"),
    ("spiral", "0.2"): ("snippets/spiral/data.py", "the overfitting section: the data's angle noise"),
}


def significant_digits(number: str) -> int:
    return len(number.replace(".", "").lstrip("0"))


def prose_numbers(page: Page) -> list[tuple[int, str]]:
    """(line, number) for each number checked in the prose, maths and alt texts, before the References."""
    found = []
    for block in page.blocks:
        if isinstance(block, Prose):
            text = "\n".join(block.lines)
            if REFERENCES[page.language] in text:
                found += _numbers(block.line, text.split(REFERENCES[page.language])[0])
                break
            found += _numbers(block.line, text)
        elif isinstance(block, Figure):
            found += [(block.line, n) for n in DECIMAL.findall(block.alt)]
    return found


def _numbers(first_line: int, text: str) -> list[tuple[int, str]]:
    """The prose's decimals, and the result numbers of its maths (``3.5 \\times 10^{-9}`` as ``3.5e-9``)."""
    found = []

    def line(offset: int) -> int:
        return first_line + text[:offset].count("\n")

    for span in NOT_PROSE.finditer(text):
        if span.group().startswith("$"):
            maths = span.group()
            for power in POWER.finditer(maths):
                found.append((span.start() + power.start(), f"{power[1]}e{power[2].replace('−', '-')}"))
            maths = POWER.sub(lambda m: " " * len(m.group()), maths)
            found += [(span.start() + m.start(), m.group()) for m in DECIMAL.finditer(maths)
                      if significant_digits(m.group()) >= 3]
    prose = NOT_PROSE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)  # keep the offsets
    found += [(m.start(), m.group()) for m in DECIMAL.finditer(prose)]
    return [(line(offset), number) for offset, number in sorted(found)]


@functools.cache
def _code_numbers(code: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(token) for token in CODE_NUMBER.findall(code))


def backed(number: str, code: str) -> bool:
    """``number`` is in ``code``, or a number of ``code`` at least as precise rounds to it."""
    stated = Decimal(number)
    place = stated.as_tuple().exponent
    half = Decimal(1).scaleb(place) / 2
    return any(c.as_tuple().exponent <= place and abs(c - stated) <= half for c in _code_numbers(code))


def nearby(page: Page, line: int) -> list[Snippet]:
    """The snippets whose code may back a number at ``line``: its section's, or all above a section without code."""
    heads = [(h.line, h.level) for h in headings(page.blocks)]
    start, level = max(((h, n) for h, n in heads if h <= line), default=(0, 1))
    end = min((h for h, n in heads if h > line and n <= max(level, 2)), default=10**9)
    own = [s for s in page.snippets if start < s.line < end]
    return own or [s for s in page.snippets if s.line < line]  # a summary restates what was shown above it


def unbacked(page: Page) -> list[str]:
    """``page:line: number`` for each number of ``page`` that no code near it backs."""
    chapters = "\n".join(s.code for p in pages() if p.language == page.language for s in p.snippets)
    problems = []
    for line, number in prose_numbers(page):
        if not {("*", number), (page.name, number)}.isdisjoint(ALLOWED):
            continue
        code = chapters if page.name == "index" else "\n".join(s.code for s in nearby(page, line))
        if not backed(number, code) and not _restated(page, number):
            problems.append(f"{page.path}:{line}: {number}")
    return problems


def _restated(page: Page, number: str) -> bool:
    if (page.name, number) not in RESTATED:
        return False
    snippet = RESTATED[page.name, number][0]
    return any(backed(number, s.code) for s in page.snippets if s.filename == snippet)


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.path)
def test_every_number_in_the_prose_comes_from_the_code_near_it(page: Page) -> None:
    assert unbacked(page) == []


@pytest.mark.parametrize("key", sorted(RESTATED), ids=lambda k: f"{k[0]}-{k[1]}")
def test_each_restated_number_is_still_printed_and_still_needed(key: tuple[str, str]) -> None:
    """An entry of RESTATED is used on both languages of its page, and its snippet still backs it."""
    name, number = key
    for page in (p for p in pages() if p.name == name):
        far = [line for line, n in prose_numbers(page) if n == number
               and not backed(number, "\n".join(s.code for s in nearby(page, line)))]
        assert far, f"{page.path} no longer needs RESTATED[{key}]: remove it"
        assert _restated(page, number), f"{page.path}: {RESTATED[key][0]} no longer prints {number}"


def _page(text: str):
    return parse_text(text, "docs/t.en.md")


def test_a_planted_number_is_caught() -> None:
    text = "# T\n\nIt reaches 0.913, then 0.87 and $0.42$.\n\n```python\nprint(0.8749)\n#> 0.8749\n```\n"
    assert unbacked(_page(text)) == ["docs/t.en.md:3: 0.913"]
    references = _page(text.replace("0.913", "0.87") + "\n## References\n\n- arXiv 1502.01852\n")
    assert unbacked(references) == []


def test_a_result_in_maths_is_caught_and_a_formula_constant_is_not() -> None:
    code = "```python\nprint(0.9261, 1.58e-01, 3.5e-09)\n#> 0.9261 0.158 3.5e-09\n```\n"
    shown = "# T\n\n" + code + "\nWith $\\eta = 0.19$, $p = 0.926$, $f = 0.158$ and $3.5 \\times 10^{-9}$.\n"
    assert unbacked(_page(shown)) == []
    for wrong in ["$p = 0.927$", "$f = 0.159$", "$3.6 \\times 10^{-9}$", "$$\n-4.159\n$$"]:
        assert len(unbacked(_page(shown + f"\nThen {wrong}.\n"))) == 1, wrong


def test_a_number_is_backed_only_by_code_near_it(monkeypatch) -> None:
    a = "## A\n\n```python\nprint(0.913)\n#> 0.913\n```\n\n"
    b = "## B\n\n```python\nprint(1)\n#> 1\n```\n\n"
    said = "It was 0.913.\n\n"
    assert unbacked(_page("# T\n\n" + a + said)) == []  # its own section
    far = _page("# T\n\n" + a + b + said)  # another section, with code of its own
    assert unbacked(far) == ["docs/t.en.md:17: 0.913"]
    assert unbacked(_page("# T\n\n" + said + a)) != []  # the introduction is a section of its own
    assert unbacked(_page("# T\n\n## S\n\n" + said + "#" + a)) == []  # ## S holds ### A
    assert unbacked(_page("# T\n\n## S\n\n#" + a + "#" + b + said)) != []  # ### B does not hold ### A
    assert unbacked(_page("# T\n\n" + a + b + "## Summary\n\n" + said)) == []  # no code: the code above
    assert unbacked(_page("# T\n\n" + b + "## Summary\n\n" + said + a)) != []  # ... not the code below
    monkeypatch.setitem(RESTATED, ("t", "0.913"), ("docs/t.en.md", "a test"))
    assert unbacked(far) == []
    assert unbacked(_page("# T\n\n" + a.replace("913", "914") + b + said)) != []  # the snippet must back it


@pytest.mark.parametrize(("number", "code", "expected"), [
    ("0.87", "0.8749", True), ("0.87", "0.875", True), ("0.87", "0.8751", False), ("0.87", "0.87", True),
    ("0.87", "0.9", False), ("0.870", "0.87", False),  # a printed number is never made more precise
    ("0.158", "1.58e-01", True), ("0.158", "1.5e-01", False), ("3.5e-9", "3.5e-09", True),
    ("3.5e-9", "3.49e-09", True), ("3.5e-9", "3.5e-08", False), ("24.2", "assert x < 24.2 / 100", True),
    ("0.913", "v0.913 and 0.913x and 1.0.913", False),
])
def test_backed(number: str, code: str, expected: bool) -> None:
    assert backed(number, code) is expected


@pytest.mark.parametrize(("text", "numbers"), [
    ("an accuracy of 0.917.", ["0.917"]),  # the sentence's full stop
    ("an accuracy of 0.917.\nNext line", ["0.917"]),
    ("准确率为 0.917。", ["0.917"]),
    ("准确率为0.917，损失为0.25。", ["0.917", "0.25"]),  # Chinese characters touch the numbers
    ("0.917, then 0.87; (0.75) and 0.5", ["0.917", "0.87", "0.75", "0.5"]),  # end of text too
    ("ends at 0.917...", ["0.917"]),
    ("version 1.2.3, or 1.2.3.", []),
    ("1.2.x and 0.5e3 and 1.5e-3 and v0.5 and 0.5x", []),
    ("a `0.917` and $0.42$ and [a](https://x.org/1.5)", []),  # code, short maths, a link target
    ("$\\eta = 0.19$, $x_{1.5}$, $2^{0.5}$, $\\tfrac{1}{4}$ and $0.052$", []),  # a formula's own numbers
    ("$-4.158$ and $$p = 0.926,\\ 24.2$$", ["4.158", "0.926", "24.2"]),  # results in maths
    ("$1.00$, $3.5 \\times 10^{-9}$ and $9.5 \\times 10^{8}$", ["1.00", "3.5e-9", "9.5e8"]),
    ("`$0.926` and $0.926 ` 1.234$", ["0.926", "1.234"]),  # whichever opens first wins
])
def test_the_numbers_found_in_prose(text: str, numbers: list[str]) -> None:
    assert [number for _, number in _numbers(1, text)] == numbers
