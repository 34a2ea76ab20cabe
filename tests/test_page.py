"""pipeline/page.py: one model of a page, and the rules it enforces with a clear error."""

import re
import textwrap
import traceback

import pytest
from sybil import Document

from conftest import markdown
from pipeline.examples import PageSnippets
from pipeline.page import (
    CODE_WIDTH,
    DOCS,
    LANGUAGES,
    ROOT,
    Fence,
    Figure,
    PageError,
    Prose,
    Snippet,
    file_name,
    headings,
    pages,
    parity_problems,
    parse,
    parse_text,
    split_file_name,
    strip_comments,
)

ZH_PAGES = sorted(p for p in DOCS.glob("*.md") if not p.name.endswith(".en.md"))
EN_PAGES = sorted(DOCS.glob("*.en.md"))


def _parse(text: str):
    return parse_text(textwrap.dedent(text), "docs/t.md")


def test_a_page_is_parsed_into_its_blocks() -> None:
    page = _parse(
        """
        # Title
        ```python title="snippets/index/first_look.py"
        --8<-- "snippets/index/first_look.py"
        ```
        <!-- colab-only: needs a GPU runtime -->
        ```python
        %pip install x
        ```
        ```bash
        ls   # a comment
        ```
        """
    )
    kinds = [type(block).__name__ for block in page.blocks]
    assert kinds == ["Prose", "Snippet", "Prose", "Snippet", "Fence"]
    include, colab = page.snippets
    assert include.include == "snippets/index/first_look.py" and include.first_line == 1
    assert include.code == (ROOT / include.include).read_text(encoding="utf-8") and include.runs
    assert colab.colab_only == "needs a GPU runtime" and not colab.runs and colab.filename == "docs/t.md"
    assert page.runnable == [include] and (page.name, page.language) == ("t", "zh")


@pytest.mark.parametrize(
    "text, message",
    [
        ("```Pyhton\nx = 1\n```\n", "fence language 'Pyhton' is unknown"),  # codespell:ignore
        ("```\nx = 1\n```\n", "fence language '(none)' is unknown"),
        ("```py\nx = 1\n```\n", "fence language 'py' is unknown"),
        ("```python\nx = 1\n", "never closed"),
        ('```python\nx = 1\n--8<-- "snippets/index/first_look.py"\n```\n', "either code or one line"),
        ('```python\n--8<-- "snippets/no/such.py"\n```\n', "snippets/no/such.py does not exist"),
        ("<!-- colab-only -->\n```python\nx = 1\n```\n", "say why the block is Colab-only"),
        ("<!-- colab-only: a reason -->\n\n```python\nx = 1\n```\n", "must be followed by a ```python fence"),
        ("<!-- colab-only: a reason -->\n```bash\nls\n```\n", "must be followed by a ```python fence"),
        ("![a figure](figures/index/first_look.svg)\n", "must be shown above it"),
    ],
)
def test_a_page_that_breaks_a_rule_is_an_error(text: str, message: str) -> None:
    with pytest.raises(PageError, match=re.escape(message)):
        _parse(text)


def test_a_figure_belongs_to_the_snippet_above_it() -> None:
    page = _parse('```python\n--8<-- "snippets/spiral/data.py"\n```\n\n![The spiral](figures/spiral/data.svg)\n')
    [figure] = page.figures
    assert figure == Figure(5, "The spiral", "spiral/data") and page.drawn_by(figure) is page.snippets[0]


def _python_fences(text: str) -> list[tuple[int, int]]:
    """(opening, closing) line of each fence that runs here, counted from the raw Markdown, not the page model:
    a line of 3+ backticks or tildes (indented or not) opens a fence, the next line of only that character, at
    least as many, closes it; it runs if its first word is ``python`` and no colab-only marker precedes it."""
    lines, fences, i = text.splitlines(), [], 0
    while i < len(lines):
        opening = re.match(r"\s*(`{3,}|~{3,})(.*)", lines[i])
        if opening is None:
            i += 1
            continue
        mark = opening[1]
        end = next(j for j in range(i + 1, len(lines))
                   if set(lines[j].strip()) == {mark[0]} and len(lines[j].strip()) >= len(mark))
        if opening[2].split()[:1] == ["python"] and not (i and lines[i - 1].startswith("<!-- colab-only")):
            fences.append((i + 1, end + 1))
        i = end + 1
    return fences


@pytest.mark.parametrize("path", ZH_PAGES + EN_PAGES, ids=lambda p: p.name)
def test_every_python_fence_is_collected_by_sybil(path) -> None:
    """sybil's examples are the page's python fences, one each, in page order, each spanning its whole fence."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    fences = _python_fences(text)
    examples = list(markdown.parse(path).examples())
    assert [e.line for e in examples] == [opening for opening, _ in fences]
    assert [text[e.region.start : e.region.end] for e in examples] == ["".join(lines[a - 1 : b]) for a, b in fences]
    assert [e.parsed[1] for e in examples] == list(range(len(fences)))


def test_sybil_regions_are_whole_fences(tmp_path) -> None:
    """A small page whose regions are known: what PageSnippets hands sybil, character for character."""
    runs = ["```python\nx = 1\n```\n", "````python\nz = 3\n````\n", "    ```python\n    w = 4\n    ```\n",
            "~~~python\nv = 5\n~~~"]  # the last one ends the file, without a newline
    text = (f"# T\n\n{runs[0]}\n<!-- colab-only: a reason -->\n```python\ny = 2\n```\n\n```bash\nls\n```\n"
            f"{runs[1]}\n!!! note\n\n{runs[2]}\n{runs[3]}")
    path = tmp_path / "t.md"
    path.write_text(text, encoding="utf-8")
    regions = list(PageSnippets()(Document(text, str(path))))
    assert [text[r.start : r.end] for r in regions] == runs
    assert [r.parsed[1] for r in regions] == [0, 1, 2, 3]
    assert _python_fences(text) == [(3, 5), (15, 17), (21, 23), (25, 27)]  # the counting above is right too


@pytest.mark.parametrize("opening", ["```python", "``` python", '```python title="x.py"', "~~~python", "````python"])
def test_every_way_of_writing_a_python_fence_runs(opening: str) -> None:
    """sybil's stock parser silently skips some of these; the model must not."""
    closing = opening.split("p")[0].strip()
    assert len(_parse(f"{opening}\nx = 1\n{closing}\n").runnable) == 1


@pytest.mark.parametrize("path", ZH_PAGES + EN_PAGES, ids=lambda p: p.name)
def test_page_has_its_translation(path) -> None:
    name = path.name.removesuffix(".md").removesuffix(".en")
    for suffix in LANGUAGES.values():
        assert (DOCS / f"{name}{suffix}.md").is_file(), f"{path.name} has no translation {name}{suffix}.md"


@pytest.mark.parametrize("path", ZH_PAGES, ids=lambda p: p.name)
def test_both_languages_show_the_same_code(path) -> None:
    en = path.with_name(path.name.replace(".md", ".en.md"))
    assert parity_problems(parse(path), parse(en)) == []


ZH = '# 标题\n```python\nx = torch.ones(2)  # 中文注释\nprint(x.sum().item())\n#> 2.0\n```\n'


def test_parity_ignores_prose_and_comments() -> None:
    en = ZH.replace("# 标题", "# Title").replace("# 中文注释", "# an English comment")
    assert parity_problems(_parse(ZH), _parse(en)) == []


@pytest.mark.parametrize(
    "drift",
    [
        lambda s: s.replace("ones(2)", "ones(3)"),  # different code
        lambda s: s.replace("#> 2.0", "#> 3.0"),  # different output shown
        lambda s: s + "\n```python\nprint(1)\n#> 1\n```\n",  # an extra block
        lambda s: s.replace("```python", "```text"),  # a block that no longer runs
        lambda s: "<!-- colab-only: GPU -->\n" + s.replace("# 标题\n", ""),  # a block that no longer runs here
    ],
)
def test_parity_catches_drift(drift) -> None:
    assert parity_problems(_parse(ZH), _parse(drift(ZH))) != []


def test_parity_lets_shell_comments_differ() -> None:
    zh = "```bash\npython3 dev.py test   # 全部测试\n```\n"
    assert parity_problems(_parse(zh), _parse("```bash\npython3 dev.py test   # every test\n```\n")) == []
    assert parity_problems(_parse(zh), _parse("```bash\npython3 dev.py serve  # every test\n```\n")) != []


def test_parity_compares_figures() -> None:
    shown = '```python\n--8<-- "snippets/spiral/data.py"\n```\n'
    assert parity_problems(_parse(shown + "![图](figures/spiral/data.svg)\n"), _parse(shown)) != []


def test_strip_comments_keeps_only_code() -> None:
    assert strip_comments("x = 1  # one\n#> 1\nprint(x)\n") == "x = 1 print ( x )"


def test_expected_output_and_tracebacks_name_the_snippet() -> None:
    snippet = Snippet(1, 4, "python", "", "a = 1\nprint(a)\n#> 1\n#>\nb = 1 / 0\n", "snippets/x.py", 5)
    assert snippet.expected == ["1", ""]
    with pytest.raises(ZeroDivisionError, match="division by zero") as info:
        exec(snippet.compile(), {})
    frame = traceback.extract_tb(info.value.__traceback__)[-1]
    assert (frame.filename, frame.lineno) == ("snippets/x.py", 9)


def test_every_snippet_file_is_shown_on_a_page() -> None:
    """A snippet no page includes is dead code that nobody reads or maintains."""
    files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "snippets").rglob("*.py")}
    shown = {s.include for page in pages() for s in page.snippets}
    assert sorted(files - shown) == []


def test_code_fits_the_column() -> None:
    """A reader sees a whole snippet and its output without scrolling sideways
    (tests/test_browser_pages.py checks the same in the browser)."""
    wide = {
        f"{s.filename}:{s.first_line + n}"
        for page in pages()
        for s in page.snippets
        for n, line in enumerate(s.code.splitlines())
        if len(line) > CODE_WIDTH
    }
    assert sorted(wide) == []


def test_headings_and_sections_come_from_the_prose() -> None:
    """A ``#`` line inside a fence is code, never a heading; ``{#id}`` is the id; a page cuts at the levels asked."""
    page = _parse(
        """
        Intro.
        # Title
        ## Shapes {#shape}
        ```bash
        # not a heading
        ```
        ### Broadcasting
        Text.
        """
    )
    assert [(h.level, h.text, h.id, h.line) for h in headings(page.blocks)] == [
        (1, "Title", None, 3), (2, "Shapes", "shape", 4), (3, "Broadcasting", None, 8)]
    assert page.title == headings(page.blocks)[0]
    every = page.sections()
    assert [s.heading and s.heading.text for s in every] == [None, "Title", "Shapes", "Broadcasting"]
    assert every[2].blocks == (Prose(4, ("## Shapes {#shape}",)), Fence(5, 7, "bash", "# not a heading\n"))
    cut = page.sections(levels=(2,))
    assert [s.heading and s.heading.id for s in cut] == [None, "shape"]
    assert [[h.text for h in headings(s.blocks)] for s in cut] == [["Title"], ["Shapes", "Broadcasting"]]


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.path)
def test_the_sections_of_a_page_hold_each_of_its_blocks_and_lines_once(page) -> None:
    def numbered(blocks) -> list:
        return [(b.line + i, t) for b in blocks if isinstance(b, Prose) for i, t in enumerate(b.lines)] + [
            b for b in blocks if not isinstance(b, Prose)]

    assert numbered([b for s in page.sections() for b in s.blocks]) == numbered(page.blocks)


@pytest.mark.parametrize(("path", "name", "language"), [
    ("docs/spiral.md", "spiral", "zh"), ("docs/spiral.en.md", "spiral", "en"),
    ("docs/notebooks/spiral.en.ipynb", "spiral", "en"), ("spiral.ipynb", "spiral", "zh")])
def test_a_file_name_says_its_page_and_its_language(path: str, name: str, language: str) -> None:
    assert split_file_name(path) == (name, language)
    assert file_name(name, language, "." + path.rsplit(".", 1)[1]) == path.rsplit("/", 1)[-1]
