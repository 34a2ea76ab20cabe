"""Every decimal number a chapter states in prose comes from that chapter's code.

A number in the prose or in a figure's alt text (``0.875``, ``1e-3`` is code, not
prose) must appear in the chapter's code: in a ``#>`` output, an assert, or the
arguments that produced it. A rounded figure counts: ``0.87`` is backed by an
output ``0.8749``. Not checked: maths (``$...$``, the definitions the code
implements), inline code, link targets, and the References section (citations).
The home page sums the chapters up: its numbers may come from any chapter's code.
The allow-list is for numbers that are definitions rather than results.
"""

from __future__ import annotations

import re

import pytest

from pipeline.page import Figure, Page, Prose, pages

# Not part of a longer token: a version (1.2.3), an exponent (0.5e3), an identifier (v0.5, 0.5x).
# A full stop after it ends a sentence ("... of 0.917.") unless a word or digit follows it (1.2.x).
# ASCII words only: in Chinese a character may touch the number (准确率为0.917).
DECIMAL = re.compile(r"(?<![\w.])\d+\.\d+(?!\w|\.\w)", re.ASCII)
NOT_PROSE = re.compile(r"\$\$.*?\$\$|\$[^$]*\$|`[^`]*`|\]\([^)]*\)|<[^>]*>", re.DOTALL)
REFERENCES = {"zh": "## 参考文献", "en": "## References"}
ALLOWED = {  # (page, number): why it needs no code behind it; page "*" is every page
    ("*", "0.5"): "a half: chance for two classes, a sigmoid's midpoint",
    ("glossary", "0.01"): "nn.LeakyReLU's default slope, a definition",
    ("glossary", "2.5"): "the example of a tie in round half to even",
    ("contributing", "3.10"): "the oldest Python version supported",
}


def prose_numbers(page: Page) -> list[tuple[int, str]]:
    """(line, number) for each decimal number in the prose and alt texts, before the References."""
    found = []
    for block in page.blocks:
        if isinstance(block, Prose):
            text = "\n".join(block.lines)
            if REFERENCES[page.language] in text:
                text = text.split(REFERENCES[page.language])[0]
                found += _numbers(block.line, text)
                break
            found += _numbers(block.line, text)
        elif isinstance(block, Figure):
            found += [(block.line, n) for n in DECIMAL.findall(block.alt)]
    return found


def _numbers(first_line: int, text: str) -> list[tuple[int, str]]:
    text = NOT_PROSE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)  # keep the line numbers
    return [(first_line + text[: m.start()].count("\n"), m.group()) for m in DECIMAL.finditer(text)]


def backed(number: str, code: str) -> bool:
    """``number`` is in ``code``, or is a number of ``code`` rounded to as many decimals."""
    decimals = len(number.split(".")[1])
    for candidate in DECIMAL.findall(code):
        if candidate == number or (
            len(candidate.split(".")[1]) > decimals and f"{float(candidate):.{decimals}f}" == number
        ):
            return True
    return False


def unbacked(page: Page) -> list[str]:
    shown = [p for p in pages() if p.language == page.language] if page.name == "index" else [page]
    code = "\n".join(s.code for p in shown for s in p.snippets)
    return [f"{page.path}:{line}: {number}" for line, number in prose_numbers(page)
            if {("*", number), (page.name, number)}.isdisjoint(ALLOWED) and not backed(number, code)]


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.path)
def test_every_number_in_the_prose_comes_from_the_pages_code(page: Page) -> None:
    assert unbacked(page) == []


def test_a_planted_number_is_caught() -> None:
    from pipeline.page import parse_text

    text = "# T\n\nIt reaches 0.913, then 0.87 and $0.42$.\n\n```python\nprint(0.8749)\n#> 0.8749\n```\n"
    page = parse_text(text, "docs/t.en.md")
    assert unbacked(page) == ["docs/t.en.md:3: 0.913"]
    references = parse_text(text.replace("0.913", "0.87") + "\n## References\n\n- arXiv 1502.01852\n", "docs/t.en.md")
    assert unbacked(references) == []


@pytest.mark.parametrize(("text", "numbers"), [
    ("an accuracy of 0.917.", ["0.917"]),  # the sentence's full stop
    ("an accuracy of 0.917.\nNext line", ["0.917"]),
    ("准确率为 0.917。", ["0.917"]),
    ("准确率为0.917，损失为0.25。", ["0.917", "0.25"]),  # Chinese characters touch the numbers
    ("0.917, then 0.87; (0.75) and 0.5", ["0.917", "0.87", "0.75", "0.5"]),  # end of text too
    ("ends at 0.917...", ["0.917"]),
    ("version 1.2.3, or 1.2.3.", []),
    ("1.2.x and 0.5e3 and 1.5e-3 and v0.5 and 0.5x", []),
    ("a `0.917` and $0.42$ and [a](https://x.org/1.5)", []),  # code, maths, a link target
])
def test_the_numbers_found_in_prose(text: str, numbers: list[str]) -> None:
    assert [number for _, number in _numbers(1, text)] == numbers
