"""The glossary (英汉术语对照) is the one list of terms: the chapters must follow it.

A Chinese page names the English term in brackets where a term first appears,
as in 自编码器（autoencoder）. When that English term is in the glossary, the
Chinese in front of the bracket (or inside it, as in GELU（Gaussian error linear
unit，高斯误差线性单元）) must be one of the glossary's Chinese names for it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline import glossary
from pipeline.page import DOCS

_BRACKET = re.compile(r"（(?P<english>[A-Za-z][A-Za-z0-9 \-']*?)(?P<rest>[，,][^）]*)?）")


def terms_by_english() -> dict[str, set[str]]:
    """English term (lower case; an abbreviation in brackets counts too) -> its Chinese names."""
    terms: dict[str, set[str]] = {}
    for english, chinese in glossary.rows():
        names = {re.sub(r"[（(].*?[）)]", "", name).strip() for name in re.split(r"[；;]", chinese)} - {""}
        keys = {re.sub(r"\s*\(.*?\)", "", english).strip().lower()}
        keys |= {m.strip().lower() for m in re.findall(r"\(([^)]+)\)", english)}
        for key in keys:
            terms.setdefault(key, set()).update(names)
    return terms


def inconsistencies(text: str, terms: dict[str, set[str]]) -> list[str]:
    problems = []
    for n, line in enumerate(text.splitlines(), 1):
        for match in _BRACKET.finditer(line):
            english = match["english"].strip().lower()
            key = english if english in terms else english.removesuffix("s")
            if key not in terms:
                continue
            before, inside = line[: match.start()].rstrip().rstrip("*_` "), match["rest"] or ""
            if not any(before.endswith(name) or name in inside for name in terms[key]):
                problems.append(f"line {n}: …{before[-12:]}（{match['english']}） but the glossary says "
                                f"{' / '.join(sorted(terms[key]))}")
    return problems


CHINESE_PAGES = sorted(p for p in DOCS.glob("*.md") if not p.name.endswith(".en.md") and p.stem != "glossary")


@pytest.mark.parametrize("page", CHINESE_PAGES, ids=lambda p: p.name)
def test_chinese_terms_follow_the_glossary(page: Path) -> None:
    assert inconsistencies(page.read_text(encoding="utf-8"), terms_by_english()) == []


def test_the_check_catches_a_term_translated_another_way() -> None:
    terms = {"autoencoder": {"自编码器"}, "gelu": {"高斯误差线性单元"}}
    assert inconsistencies("用自编码器（autoencoder）压缩", terms) == []
    assert inconsistencies("GELU（GELU，高斯误差线性单元）", terms) == []
    assert len(inconsistencies("用自动编码机（autoencoder）压缩", terms)) == 1
    assert len(inconsistencies("几个自编码机（autoencoders）", terms)) == 1


def test_glossary_names_each_english_term_once_and_is_sorted() -> None:
    rows = [english for english, _ in glossary.rows()]
    assert len(rows) == len(set(rows)), "a term is listed twice"
    assert rows == sorted(rows, key=str.lower)
    assert (DOCS / "glossary.md").read_text(encoding="utf-8").split("| English")[1] == \
        (DOCS / "glossary.en.md").read_text(encoding="utf-8").split("| English")[1], "one table for both languages"


def test_search_words_are_the_glossarys_chinese_terms() -> None:
    """mkdocs.yml gives docs/glossary-words.txt to jieba: it must list the glossary's terms."""
    assert glossary.WORDS.read_text(encoding="utf-8") == glossary.search_words(), "run: python3 dev.py generate"
    assert {"自编码器", "受限玻尔兹曼机", "梯度消失"} <= set(glossary.search_words().split())
