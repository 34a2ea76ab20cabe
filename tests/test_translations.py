"""pipeline/translations.py: a section whose text changed in one language or both since it was checked fails."""

import json

import pytest

from pipeline.page import ROOT, parse_text
from pipeline.translations import RECORD, load, main, mark, page_pairs, pair, problems, save, sections

ZH = """\
# 张量

张量（tensor）是多维数组。

## 形状 {#shape}

形状说明每一维的大小。

```python
x = 1
```

### 广播

小的张量会被扩展。
"""

EN = """\
# Tensors

A tensor is a multi-dimensional array.

## Shapes {#shape}

A shape gives the size of each dimension.

```python
x = 1
```

### Broadcasting

A smaller tensor is expanded.
"""
CHECK = "python3 dev.py translations check docs/t.md"


def _pair(zh: str = ZH, en: str = EN):
    return parse_text(zh, "docs/t.md"), parse_text(en, "docs/t.en.md")


def _checked(zh: str = ZH, en: str = EN) -> dict:
    record: dict = {}
    mark(*_pair(zh, en), record)
    return record


def test_sections_are_named_by_id_or_position_and_ignore_code_and_wrapping() -> None:
    found = sections(_pair()[1])
    assert [(s.id, s.heading.level, s.title, s.heading.line) for s in found] == [
        ("0", 1, "Tensors", 1), ("shape", 2, "Shapes", 5), ("2", 3, "Broadcasting", 13)]
    other_code = EN.replace("x = 1", "y = 2").replace("A smaller tensor", "\n\nA  smaller\ntensor  ")
    assert [s.digest for s in sections(_pair(en=other_code)[1])] == [s.digest for s in found]
    assert sections(_pair(en=EN.replace("smaller", "small"))[1])[2].digest != found[2].digest


@pytest.mark.parametrize("en, match", [
    (EN.replace("### Broadcasting", "## Broadcasting"),
     r"^sections differ: docs/t\.md:13 ### 广播 \{#2\} vs docs/t\.en\.md:13 ## Broadcasting \{#2\}: the two languages "
     r"need the same ## and ### headings, in the same order, with the same \{#id\}s$"),
    (EN.replace("{#shape}", "{#shapes}"), r"docs/t\.md:5 ## 形状 \{#shape\} vs docs/t\.en\.md:5 ## Shapes \{#shapes\}"),
    (EN + "\n## Exercises\n\nOne.\n", r"docs/t\.md: no more headings vs docs/t\.en\.md:17 ## Exercises \{#3\}"),
])
def test_the_languages_need_the_same_sections(en: str, match: str) -> None:
    zh, en_page = _pair(en=en)
    with pytest.raises(ValueError, match=match):
        pair(zh, en_page)
    with pytest.raises(ValueError, match=match):
        mark(zh, en_page, {})
    (problem,) = problems(zh, en_page, {})
    assert problem.startswith("sections differ: ")


def test_an_unchanged_pair_passes_and_an_unrecorded_page_fails_with_the_command() -> None:
    assert problems(*_pair(), _checked()) == []
    assert problems(*_pair(), {}) == [f"docs/t.md: no translation record for this page: {CHECK}"]


@pytest.mark.parametrize("zh, en, section, why", [
    (ZH.replace("会被扩展", "会被自动扩展"), EN, "'#2' (广播 / Broadcasting)", "the Chinese text changed"),
    (ZH, EN.replace("each dimension", "every dimension"), "'#shape' (形状 / Shapes)", "the English text changed"),
    (ZH.replace("多维", "多维的"), EN.replace("multi-dimensional", "n-dimensional"), "'#0' (张量 / Tensors)",
     "the Chinese and the English text changed"),
])
def test_a_changed_section_fails_with_the_command_that_records_it(zh: str, en: str, section: str, why: str) -> None:
    record = _checked()
    (problem,) = problems(*_pair(zh, en), record)
    assert problem == (f"docs/t.md {section}: {why} since the two were last checked\n"
                       f"  once both languages say the same: {CHECK} {section.split()[0]}")
    mark(*_pair(zh, en), record, [section.split()[0].strip("'#")])
    assert problems(*_pair(zh, en), record) == []


def test_checking_one_section_leaves_the_others_as_they_were() -> None:
    record = _checked()
    zh, en = _pair(zh=ZH.replace("会被扩展", "会被自动扩展").replace("每一维", "每一个维度"))
    mark(zh, en, record, ["2"])
    (problem,) = problems(zh, en, record)
    assert "'#shape'" in problem and "the Chinese text changed" in problem


def test_a_new_section_fails_until_it_is_checked() -> None:
    record = _checked()
    zh, en = _pair(ZH + "\n## 练习 {#exercises}\n\n一。\n", EN + "\n## Exercises {#exercises}\n\nOne.\n")
    (problem,) = problems(zh, en, record)
    assert problem == (f"docs/t.md '#exercises' (练习 / Exercises): a new section, not recorded yet\n"
                       f"  once both languages say the same: {CHECK} '#exercises'")
    mark(zh, en, record, ["exercises"])
    assert problems(zh, en, record) == []


def test_a_section_gone_from_the_page_is_forgotten() -> None:
    record = _checked()
    zh, en = _pair(ZH.split("### ")[0], EN.split("### ")[0])
    assert problems(zh, en, record) == [f"docs/t.md: 2 recorded, but the page has no such section any more: "
                                        f"forget them with {CHECK} '#2'"]
    mark(zh, en, record, ["2"])
    assert problems(zh, en, record) == [] and list(record["t"]) == ["0", "shape"]
    with pytest.raises(ValueError, match=r"^docs/t\.md has no section nope; its sections: '#0' \(Tensors\)"):
        mark(zh, en, record, ["nope"])


def test_the_record_file_round_trips_one_line_per_section(tmp_path) -> None:
    record = _checked()
    save(record, tmp_path / "translations.json")
    assert load(tmp_path / "translations.json") == record
    assert len((tmp_path / "translations.json").read_text().splitlines()) == 2 + 2 + len(record["t"])


@pytest.mark.parametrize("zh, en", page_pairs(), ids=lambda page: page.path)
def test_every_section_is_checked_against_its_translation(zh, en) -> None:
    found = problems(zh, en, load())
    assert not found, f"{RECORD.relative_to(ROOT)} is out of date:\n" + "\n".join(found)


def test_the_record_holds_only_pages_that_exist() -> None:
    names = {zh.name for zh, _ in page_pairs()}
    gone = [name for name in load() if name not in names]
    assert not gone, f"recorded pages without docs/<name>.md: {gone}; python3 dev.py translations check {gone[0]}"


def test_the_command_line_reports_and_records(tmp_path, capsys) -> None:
    path = tmp_path / "translations.json"

    def run(*argv: str) -> int:
        return main(list(argv), path)

    assert run() == 1 and "docs/index.md: no translation record" in capsys.readouterr().out
    assert run("check", "docs/index.en.md") == 0 and "docs/index.md: checked every section" in capsys.readouterr().out
    assert run("check", "docs/index.md", "#nope") == 1 and "has no section nope" in capsys.readouterr().err
    assert run("check", "docs/nope.md") == 1 and "no page docs/nope.md" in capsys.readouterr().err
    path.write_text(json.dumps({"gone": {"0": "a b"}}))
    assert run() == 1 and "'gone' is recorded but docs/gone.md is gone" in capsys.readouterr().out
    assert run("check", "gone") == 0 and "forgot gone" in capsys.readouterr().out
    assert run("check", "--all") == 0
    capsys.readouterr()
    assert run() == 0 and "every section of every page is checked" in capsys.readouterr().out
    assert run("pending", "docs/index.md") == 2 and run("check") == 2
