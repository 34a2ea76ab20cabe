"""The chapter notebooks (hooks/notebooks.py): in sync with the chapters, well formed, and they run.

Their execution starts in the background when the session starts (conftest.py)
and fills .cache/notebooks/; the tests here wait for it (fixture `notebook_run`).
"""

from __future__ import annotations

import re

import nbformat
import pytest

from hooks import notebooks as nb
from tests.docexec import PYTHON_LANGUAGES, ROOT, Chunk, colab_only_fences, expected_output, scan_code

SETTINGS = nb.settings()
CASES = [(page, language) for page in SETTINGS.chapters for language in nb.LANGUAGES]
IDS = [f"{language}/{page}" for page, language in CASES]


def test_committed_notebooks_are_up_to_date() -> None:
    problems = nb.out_of_date(SETTINGS)
    assert not problems, "\n".join(problems) + "\nRegenerate them with: python3 dev.py notebooks"


def test_chapters_come_from_the_nav_section() -> None:
    """A page added to the chapters' nav section gets notebooks with nothing else to do."""
    config = {
        "site_url": "https://example.org/x",
        "extra": {"notebooks": {"repository": "me/notes", "branch": "dev", "section": "章节"}},
        "nav": [{"入门": ["index.md"]}, {"章节": ["a.md", {"Title": "b.md"}]}, {"参考": ["api.md"]}],
    }
    chosen = nb.settings(config)
    assert chosen.chapters == ("a", "b")
    assert chosen.colab_url("b", "en") == (
        "https://colab.research.google.com/github/me/notes/blob/dev/notebooks/en/b.ipynb"
    )
    assert chosen.page_url("b", "en", "#x") == "https://example.org/x/en/b/#x"
    assert 'git+https://github.com/me/notes@dev"' in chosen.install_line()
    with pytest.raises(ValueError, match="extra.notebooks needs branch"):
        nb.settings({"extra": {"notebooks": {"repository": "me/notes", "section": "章节"}}})


@pytest.mark.parametrize("page, language", CASES, ids=IDS)
def test_notebook_follows_its_chapter(page: str, language: str) -> None:
    book = nb.build(page, language, SETTINGS)
    nbformat.validate(nbformat.from_dict(book))
    cells = book["cells"]
    install = cells[0]
    assert install["cell_type"] == "code" and install["metadata"]["tags"] == [nb.INSTALL_TAG]
    assert SETTINGS.install_line() in install["source"]
    text = (ROOT / "docs" / f"{page}{nb.LANGUAGES[language]}.md").read_text(encoding="utf-8")
    fences = [fence for fence in scan_code(text) if fence.language in PYTHON_LANGUAGES]
    code = [cell for cell in cells[1:] if cell["cell_type"] == "code"]
    assert len(code) == len(fences), "every Python block of the page is one code cell"
    marked = colab_only_fences(text)
    assert [cell["metadata"].get("tags") == [nb.COLAB_TAG] for cell in code] == [f.line in marked for f in fences]
    for cell in code:
        assert cell["outputs"] == [] and cell["execution_count"] is None
        assert "--8<--" not in cell["source"], "includes are expanded"
    for cell in cells:
        if cell["cell_type"] == "markdown":
            assert not re.search(r"\]\([\w-]+\.md", cell["source"]), "links point at the site"
            assert "figures/" not in cell["source"] and "<!--" not in cell["source"]
            assert not re.search(r"^(!!!|\?\?\?)", cell["source"], re.M), "admonitions are unwrapped"


def test_languages_share_one_execution() -> None:
    """The two languages differ only in prose and comments, so one run serves both."""
    for page in SETTINGS.chapters:
        keys = {nb.execution_key(nb.build(page, language, SETTINGS)) for language in nb.LANGUAGES}
        assert len(keys) == 1, page


def test_colab_chapter_installs_what_the_notebooks_install() -> None:
    for suffix in nb.LANGUAGES.values():
        text = (ROOT / "docs" / f"colab{suffix}.md").read_text(encoding="utf-8")
        assert SETTINGS.install_line() in text.splitlines()


def test_runnable_drops_the_install_line_and_colab_cells() -> None:
    book = nb.runnable(nb.build("colab", "en", SETTINGS))
    sources = [cell["source"] for cell in book["cells"] if cell["cell_type"] == "code"]
    assert not any("%pip" in source or "google.colab" in source for source in sources)
    assert "%matplotlib inline" in sources[0]


def test_admonitions_and_links_become_plain_markdown() -> None:
    lines = ['!!! note "A title"', "    Body with a [link](rbm.md#cd) and $x$.", "", "After."]
    unwrapped = nb._unwrap_admonitions(lines)
    assert unwrapped[:2] == ["**A title**", "Body with a [link](rbm.md#cd) and $x$."]
    cells = nb._markdown_cell_sources(unwrapped + ["## Next {#next}", "Text"], SETTINGS, "en")
    assert cells[0].startswith("**A title**") and f"]({SETTINGS.site_url}en/rbm/#cd)" in cells[0]
    assert cells[1] == "## Next\nText"


def output_problems(notebook: dict) -> list[str]:
    """An executed notebook's cells that did not print their ``#>`` lines, or show no figure after ``fig``."""
    problems = []
    for n, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code" or cell.get("metadata", {}).get("tags"):
            continue  # the install cell and Colab-only cells
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        outputs = cell.get("outputs", [])
        printed = "".join(o["text"] if isinstance(o["text"], str) else "".join(o["text"])
                          for o in outputs if o["output_type"] == "stream" and o["name"] == "stdout")
        expected = expected_output([Chunk(source, f"cell {n}", 1)])  # the page runner's own reading of #>
        if [line.rstrip() for line in printed.splitlines()] != expected:
            problems.append(f"cell {n}: printed {printed.splitlines()!r}, the page shows {expected!r}")
        if source.endswith("\nfig") and not any("image/png" in o.get("data", {}) for o in outputs):
            problems.append(f"cell {n}: ends with `fig` but shows no image")
    return problems


@pytest.mark.parametrize("page, language", CASES, ids=IDS)
def test_notebook_runs_top_to_bottom(page: str, language: str, notebook_run: str) -> None:
    """Executed in a fresh kernel, with the local dlnotes: no error, every `#>` line printed."""
    book = nb.build(page, language, SETTINGS)
    done = nb.executed(book)  # the background run's result; runs here if it failed or is missing
    assert output_problems(done) == []
    code = [cell for cell in done["cells"] if cell["cell_type"] == "code"]
    assert all(cell["execution_count"] for cell in code)
