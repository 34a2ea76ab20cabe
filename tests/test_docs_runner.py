"""The docs runner itself: it must fail when a page is wrong, not only pass when right."""

from __future__ import annotations

import textwrap
import traceback
from pathlib import Path

import pytest
from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser

from tests.docexec import (
    ROOT,
    Chunk,
    PythonBlockParser,
    expand,
    parity_problems,
    run_chunks,
    uncollected_fences,
)


def _page(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "page.md"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _run_page(path: Path) -> list[Exception | None]:
    document = Sybil(parsers=[PythonBlockParser()]).parse(path)
    results = []
    for example in document.examples():
        try:
            example.evaluate()
        except Exception as error:  # noqa: BLE001 - the test inspects it
            results.append(error)
        else:
            results.append(None)
    return results


def test_printed_output_must_match_the_page(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("tests.docexec.ROOT", tmp_path)
    page = _page(
        tmp_path,
        """
        ```python
        print(6 * 7)
        #> 42
        ```

        ```python title="wrong.py"
        print(6 * 7)
        #> 41
        ```

        ```python
        print("not shown on the page")
        ```
        """,
    )
    ok, wrong, undocumented = _run_page(page)
    assert ok is None
    assert "-#> 41" in str(wrong) and "+#> 42" in str(wrong)
    assert "+#> not shown on the page" in str(undocumented)


def test_includes_run_under_the_snippets_own_name(tmp_path) -> None:
    chunks = expand('x = 1\n--8<-- "snippets/tensors/creation.py"\n', "docs/p.md", 10)
    assert [(c.filename, c.first_line) for c in chunks] == [
        ("docs/p.md", 10),
        ("snippets/tensors/creation.py", 1),
    ]
    broken = Chunk("a = 1\nb = 1 / 0\n", "snippets/broken.py", 5)
    with pytest.raises(ZeroDivisionError) as info:
        run_chunks([broken], {})
    frame = traceback.extract_tb(info.value.__traceback__)[-1]
    assert (frame.filename, frame.lineno) == ("snippets/broken.py", 6)


def test_named_sections_are_expanded(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("tests.docexec.ROOT", tmp_path)
    (tmp_path / "s.py").write_text(
        "import math\n# --8<-- [start:area]\nr = 2\nprint(round(math.pi * r**2, 2))\n"
        "#> 12.57\n# --8<-- [end:area]\n",
        encoding="utf-8",
    )
    [chunk] = expand('--8<-- "s.py:area"', "p.md", 1)
    assert chunk.first_line == 3 and "import" not in chunk.source
    assert run_chunks([chunk], {"math": __import__("math")}) is None


def test_silently_skipped_fences_are_caught(tmp_path) -> None:
    """sybil's stock parser skips `python title=...` and `py`; the check must notice."""
    page = _page(
        tmp_path,
        """
        ```python title="a.py"
        assert False
        ```

        ```py
        assert False
        ```

        ```python
        x = 1
        ```
        """,
    )
    stock = Sybil(parsers=[PythonCodeBlockParser()]).parse(page)
    problems = uncollected_fences(page, stock.examples())
    assert len(problems) == 2 and all("not run by the tests" in p for p in problems)
    ours = Sybil(parsers=[PythonBlockParser()]).parse(page)
    assert uncollected_fences(page, ours.examples()) == []


def test_colab_only_fences_are_documented_and_not_run(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("tests.docexec.ROOT", tmp_path)
    page = _page(
        tmp_path,
        """
        <!-- colab-only: needs google.colab -->
        ```python
        raise SystemExit("must not run outside Colab")
        ```

        ```python
        x = 1
        ```
        """,
    )
    document = Sybil(parsers=[PythonBlockParser()]).parse(page)
    assert _run_page(page) == [None]  # only the second block ran
    assert uncollected_fences(page, document.examples()) == []


@pytest.mark.parametrize(
    "text, problem",
    [
        ("<!-- colab-only -->\n```python\nx = 1\n```\n", "say why the block is Colab-only"),
        ("<!-- colab-only: a reason -->\n\n```python\nx = 1\n```\n", "must be followed by a ```python fence"),
        ("<!-- colab-only: a reason -->\n```bash\nls\n```\n", "must be followed by a ```python fence"),
    ],
)
def test_colab_only_markers_are_checked(tmp_path, text: str, problem: str) -> None:
    page = _page(tmp_path, text)
    document = Sybil(parsers=[PythonBlockParser()]).parse(page)
    problems = uncollected_fences(page, document.examples())
    assert any(problem in p for p in problems), problems


def test_unknown_fence_languages_are_reported(tmp_path) -> None:
    page = _page(tmp_path, "```\nprint(1)\n```\n\n```Pyhton\nprint(1)\n```\n")  # codespell:ignore
    problems = uncollected_fences(page, [])
    assert len(problems) == 2 and all("is unknown" in p for p in problems)


ZH = """
# 标题
```python
x = torch.ones(2)  # 中文注释
print(x.sum().item())
#> 2.0
```
"""


def test_parity_ignores_prose_and_comments() -> None:
    en = ZH.replace("# 标题", "# Title").replace("# 中文注释", "# an English comment")
    assert parity_problems(ZH, en) == []


@pytest.mark.parametrize(
    "drift",
    [
        lambda s: s.replace("ones(2)", "ones(3)"),  # different code
        lambda s: s.replace("#> 2.0", "#> 3.0"),  # different output shown
        lambda s: s + "\n```python\nprint(1)\n#> 1\n```\n",  # an extra block
        lambda s: s.replace("```python", "```text"),  # a block that no longer runs
    ],
)
def test_parity_catches_drift(drift) -> None:
    assert parity_problems(ZH, drift(ZH)) != []


def test_repository_root_is_found() -> None:
    assert (ROOT / "mkdocs.yml").is_file()


def test_parity_covers_invisible_code_blocks() -> None:
    hidden = "\n<!-- invisible-code-block: python\nimport torch\n-->\n"
    assert parity_problems(ZH + hidden, ZH + hidden) == []
    assert parity_problems(ZH + hidden, ZH + hidden.replace("torch", "numpy")) != []


def test_parity_lets_shell_comments_differ() -> None:
    zh = "```bash\npython3 dev.py test   # 全部测试\n```\n"
    assert parity_problems(zh, "```bash\npython3 dev.py test   # every test\n```\n") == []
    assert parity_problems(zh, "```bash\npython3 dev.py serve  # every test\n```\n") != []


def test_a_whole_snippet_runs_once_per_session(tmp_path, monkeypatch) -> None:
    """Both languages' pages include the same file: it runs once and both get its names."""
    monkeypatch.setattr("tests.docexec.ROOT", tmp_path)
    log = tmp_path / "runs.log"
    (tmp_path / "count.py").write_text(
        f"with open({str(log)!r}, 'a') as f:\n    f.write('run')\nanswer = 42\nprint(answer)\n#> 42\n"
    )
    zh, en = {}, {}
    assert run_chunks(expand('--8<-- "count.py"', "zh.md", 1), zh) is None
    assert run_chunks(expand('--8<-- "count.py"', "en.md", 1), en) is None
    assert log.read_text() == "run"
    assert zh["answer"] == en["answer"] == 42
