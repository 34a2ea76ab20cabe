"""pipeline/translations.py: a section whose translation falls behind fails, and a pending one shows a notice."""

from __future__ import annotations

import importlib.util
import re
import textwrap
from types import SimpleNamespace

import markdown
import pytest

from pipeline.page import ROOT, parse_text
from pipeline.site import load_config
from pipeline.translations import (
    CHECKED,
    PENDING,
    RECORD,
    TranslationError,
    load,
    main,
    mark,
    page_pairs,
    problems,
    save,
    sections,
    structure_problems,
    with_notices,
)

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


def _pair(zh: str = ZH, en: str = EN):
    return parse_text(zh, "docs/t.md"), parse_text(en, "docs/t.en.md")


def _checked(zh: str = ZH, en: str = EN) -> dict:
    record: dict = {}
    mark(*_pair(zh, en), record, CHECKED)
    return record


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=["admonition", "attr_list", "toc"])


def test_sections_pair_by_id_or_position_and_leave_code_out() -> None:
    found = sections(_pair()[1])
    assert [(s.id, s.level, s.heading, s.line) for s in found] == [
        ("0", 1, "Tensors", 1), ("shape", 2, "Shapes", 5), ("2", 3, "Broadcasting", 13)]
    assert "x = 1" not in found[1].text and "A shape gives" in found[1].text
    other_code = EN.replace("x = 1", "y = 2").replace("A smaller tensor", "\n\nA  smaller\ntensor  ")
    assert [s.digest for s in sections(_pair(en=other_code)[1])] == [s.digest for s in found]


def test_the_languages_need_the_same_sections() -> None:
    zh, en = _pair(en=EN.replace("### Broadcasting", "## Broadcasting"))
    assert "sections differ" in structure_problems(zh, en)[0]
    zh, en = _pair(en=EN.replace("{#shape}", "{#shapes}"))
    assert "{#shape}" in structure_problems(zh, en)[0] and problems(zh, en, {}) == structure_problems(zh, en)
    zh, en = _pair(en=EN + "\n## Exercises\n\nOne.\n")
    assert "2 headings (##/###) in docs/t.md, 3 in docs/t.en.md" in structure_problems(zh, en)[0]
    with pytest.raises(TranslationError, match=r"^2 headings \(##/###\) in docs/t\.md, 3 in docs/t\.en\.md$"):
        mark(zh, en, {}, CHECKED)


def test_an_unchanged_pair_passes_and_an_unrecorded_one_fails() -> None:
    assert problems(*_pair(), _checked()) == []
    assert "python3 dev.py translations check docs/t.md" in problems(*_pair(), {})[0]


def test_one_language_changed_names_the_section_and_the_commands() -> None:
    record = _checked()
    zh, en = _pair(zh=ZH.replace("会被扩展", "会被自动扩展"))
    (problem,) = problems(zh, en, record)
    assert "docs/t.md '#2' (广播 / Broadcasting): the Chinese text changed, the English did not" in problem
    assert "python3 dev.py translations check docs/t.md '#2'" in problem
    assert "python3 dev.py translations pending docs/t.md '#2'" in problem
    (problem,) = problems(*_pair(en=EN.replace("each dimension", "every dimension")), record)
    assert "'#shape'" in problem and "the English text changed, the Chinese did not" in problem


def test_marking_checked_passes() -> None:
    record = _checked()
    zh, en = _pair(zh=ZH.replace("会被扩展", "会被自动扩展"))
    assert mark(zh, en, record, CHECKED, ["2"]) == ["2"]
    assert problems(zh, en, record) == [] and record["t"]["2"]["state"] == CHECKED


def test_marking_pending_passes_and_shows_a_notice_in_the_language_behind() -> None:
    record = _checked()
    new_zh = ZH.replace("会被扩展", "会被自动扩展")
    zh, en = _pair(zh=new_zh)
    assert mark(zh, en, record, PENDING) == ["2"]  # what changed, the side that changed
    assert problems(zh, en, record) == [] and record["t"]["2"]["updated"] == "zh"
    shown = with_notices(EN, "docs/t.en.md", record)
    after = shown.split("### Broadcasting\n", 1)[1]
    assert "This section's Chinese version was updated; the English translation is pending." in after
    assert shown.count("translation-pending") == 1 and "A shape gives" not in after
    assert re.search(r'<h3 id="broadcasting">Broadcasting</h3>\s*<div class="admonition warning translation-pending">',
                     _html(shown))
    assert with_notices(new_zh, "docs/t.md", record) == new_zh  # the language ahead shows nothing
    # the translation arrives: the test asks whether it is done; checking removes the notice
    done = EN.replace("is expanded", "is expanded automatically")
    (problem,) = problems(zh, parse_text(done, "docs/t.en.md"), record)
    assert "the English translation, pending, changed: is it done?" in problem
    mark(zh, parse_text(done, "docs/t.en.md"), record, CHECKED, ["2"])
    assert "translation-pending" not in with_notices(done, "docs/t.en.md", record)


def test_an_english_update_shows_the_chinese_notice_under_the_title() -> None:
    record = _checked()
    zh, en = _pair(en=EN.replace("multi-dimensional", "n-dimensional"))
    mark(zh, en, record, PENDING, ["0"])
    shown = with_notices(ZH, "docs/t.md", record)
    notice = '!!! warning translation-pending "翻译待更新"\n\n    此节的英文版已更新，中文翻译待更新。'
    assert shown.startswith(f"# 张量\n\n{notice}\n\n")
    assert '<div class="admonition warning translation-pending">' in _html(shown)


def test_both_changed_needs_a_check_or_the_language_ahead() -> None:
    record = _checked()
    zh, en = _pair(zh=ZH.replace("多维", "多维的"), en=EN.replace("multi-dimensional", "n-dimensional"))
    (problem,) = problems(zh, en, record)
    assert "'#0'" in problem and "both languages changed" in problem
    with pytest.raises(TranslationError, match="--updated"):
        mark(zh, en, record, PENDING, ["0"])
    mark(zh, en, record, PENDING, ["0"], updated="en")
    assert problems(zh, en, record) == [] and "翻译待更新" in with_notices(ZH, "docs/t.md", record)


def test_a_section_gone_from_the_page_is_forgotten() -> None:
    record = _checked()
    zh, en = _pair(ZH.split("### ")[0], EN.split("### ")[0])
    (problem,) = problems(zh, en, record)
    assert "2 recorded, but the page has no such section" in problem
    assert "python3 dev.py translations check docs/t.md '#2'" in problem
    mark(zh, en, record, CHECKED, ["2"])
    assert problems(zh, en, record) == [] and list(record["t"]) == ["0", "shape"]
    with pytest.raises(TranslationError, match="has no section nope"):
        mark(zh, en, record, CHECKED, ["nope"])


def test_the_record_file_round_trips(tmp_path) -> None:
    record = _checked()
    save(record, tmp_path / "translations.json")
    assert load(tmp_path / "translations.json") == record


def test_the_hook_adds_the_notice_to_the_page_being_built(monkeypatch) -> None:
    spec = importlib.util.spec_from_file_location("translations_hook", ROOT / "hooks" / "translations.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    record = _checked()
    mark(*_pair(zh=ZH.replace("会被扩展", "会被自动扩展")), record, PENDING)
    monkeypatch.setattr(hook, "load", lambda: record)

    def build(text: str, uri: str) -> str:
        page = SimpleNamespace(file=SimpleNamespace(src_uri=uri))
        return _html(hook.on_page_markdown(text, page=page, config={}, files=None))

    assert "the English translation is pending" in build(EN, "t.en.md")
    assert "translation-pending" not in build(EN, "notebooks/t.en.md")
    assert "hooks/translations.py" in load_config()["hooks"]


@pytest.mark.parametrize("zh, en", page_pairs(), ids=lambda page: page.path)
def test_every_section_is_checked_against_its_translation_or_pending(zh, en) -> None:
    found = problems(zh, en, load())
    assert not found, f"{RECORD.relative_to(ROOT)} is out of date:\n" + "\n".join(found)


@pytest.mark.site
def test_the_built_site_shows_one_notice_per_pending_section_in_the_language_behind(site) -> None:
    record = load()
    for zh, _ in page_pairs():
        entries = record.get(zh.name, {}).values()
        for language, root in (("zh", ""), ("en", "en/")):
            html = (site / root / ("" if zh.name == "index" else f"{zh.name}/") / "index.html").read_text("utf-8")
            lagging = [e for e in entries if e["state"] == PENDING and e["updated"] != language]
            assert html.count('class="admonition warning translation-pending"') == len(lagging), (zh.name, language)


def test_the_record_holds_only_pages_that_exist() -> None:
    names = {zh.name for zh, _ in page_pairs()}
    gone = [name for name in load() if name not in names]
    assert not gone, f"recorded pages without docs/<name>.md: {gone}; python3 dev.py translations check {gone[0]}"


def test_the_command_line_reports_and_records(tmp_path, capsys) -> None:
    def run(*argv: str) -> int:
        return main(list(argv), tmp_path / "translations.json")

    assert run() == 1 and "no translation record" in capsys.readouterr().out
    assert run("check", "docs/index.en.md") == 0
    assert "docs/index.md: checked #0" in capsys.readouterr().out
    assert run("pending", "docs/index.md", "#nope", "--updated", "zh") == 1
    assert run("check", "--all") == 0
    capsys.readouterr()
    assert run() == 0 and "every section" in capsys.readouterr().out
    assert run("pending", "docs/index.md", "#1", "--updated", "en") == 0
    assert run() == 0 and "English ahead, translation pending" in capsys.readouterr().out
    assert run("frobnicate") == 2


def test_a_page_the_notice_lands_in_stays_a_valid_page() -> None:
    text = textwrap.dedent(ZH)
    record = _checked()
    mark(*_pair(), record, PENDING, ["shape", "2"], updated="en")
    shown = with_notices(text, "docs/t.md", record)
    assert shown.count("translation-pending") == 2
    assert [s.id for s in sections(parse_text(shown, "docs/t.md"))] == ["0", "shape", "2"]
