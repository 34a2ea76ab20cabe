"""The chapter notebooks (pipeline/notebooks.py): in sync with the chapters, well formed, filled from the store."""

import base64
import re

import nbformat
import pytest

from pipeline import notebooks as nb
from pipeline import reference, site
from pipeline.__main__ import main
from pipeline.page import ROOT, parse, parse_text
from pipeline.store import Record, Store
from tests.test_kernels import kernel_problems

SETTINGS = site.settings()
PAGES = nb.chapter_pages(SETTINGS)


def test_committed_notebooks_and_search_words_are_up_to_date(capsys) -> None:
    """As ``python3 dev.py check`` (pre-commit) says."""
    assert main(["check"]) == 0, capsys.readouterr().out


def test_chapters_come_from_the_nav_section() -> None:
    """A page added to the chapters' nav section gets notebooks with nothing else to do."""
    config = {
        "site_url": "https://example.org/x",
        "extra": {"notebooks": {"repository": "me/notes", "branch": "dev", "section": "章节"}},
        "nav": [{"入门": ["index.md"]}, {"章节": ["a.md", {"Title": "b.md"}]}, {"参考": ["api.md"]}],
    }
    chosen = site.settings(config)
    assert chosen.chapters == ("a", "b")
    assert chosen.colab_url("b", "en") == (
        "https://colab.research.google.com/github/me/notes/blob/dev/notebooks/en/b.ipynb"
    )
    assert chosen.page_url("b", "en", "#x") == "https://example.org/x/en/b/#x" and chosen.path == "/x/"
    assert 'git+https://github.com/me/notes@dev"' in nb.build(parse_text("", "docs/t.md"), chosen)["cells"][0]["source"]
    with pytest.raises(ValueError, match="extra.notebooks needs branch"):
        site.settings({"extra": {"notebooks": {"repository": "me/notes", "section": "章节"}}})


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.path)
def test_notebook_follows_its_chapter(page) -> None:
    book = nb.build(page, SETTINGS)
    nbformat.validate(nbformat.from_dict(book))
    cells = book["cells"]
    install = cells[0]
    assert install["cell_type"] == "code" and install["metadata"]["tags"] == [nb.INSTALL_TAG]
    assert f'git+https://github.com/{SETTINGS.repository}@{SETTINGS.branch}"' in install["source"]
    code = [cell for cell in cells[1:] if cell["cell_type"] == "code"]
    assert len(code) == len(page.snippets), "every Python block of the page is one code cell"
    assert [cell["metadata"].get("tags") == [nb.COLAB_TAG] for cell in code] == [
        not s.runs for s in page.snippets]
    for cell, snippet in zip(code, page.snippets):
        assert cell["source"].removesuffix("\nfig") == snippet.code.strip("\n"), "the code the page shows"
        assert cell["outputs"] == [] and cell["execution_count"] is None
    shows = [cell["source"].endswith("\nfig") for cell in code]
    assert shows == [any(page.drawn_by(f) is s for f in page.figures) for s in page.snippets]
    for cell in cells:
        if cell["cell_type"] == "markdown":
            assert not re.search(r"\]\([\w-]+\.md", cell["source"]), "links point at the site"
            assert "figures/" not in cell["source"] and "<!--" not in cell["source"]
            assert not re.search(r"^(!!!|\?\?\?)", cell["source"], re.M), "admonitions are unwrapped"


def test_colab_chapter_installs_what_the_notebooks_install() -> None:
    for page in (parse("docs/colab.md"), parse("docs/colab.en.md")):
        install = nb.build(page, SETTINGS)["cells"][0]["source"].split("\n")[1:3]  # the %pip command's two lines
        assert "\n".join(install) in [s.code.strip() for s in page.snippets]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.path)
def test_the_note_atop_each_notebook_says_where_its_outputs_were_printed(page) -> None:
    note = nb.build(page, SETTINGS)["cells"][1]["source"]
    assert reference.short(page.language) in note and site.WORDS[page.language]["last digits"] in note


def test_admonitions_and_links_become_plain_markdown_one_cell_per_section() -> None:
    text = ('!!! note "A title"\n    Body with a [link](rbm.md#cd) and $x$.\n\nAfter.\n'
            "## Next {#next}\nText\n```bash\n# not a heading\n```\n### Last\nSee [above](#next).\n")
    cells = [c["source"] for c in nb.build(parse_text(text, "docs/t.en.md"), SETTINGS)["cells"][2:]]
    assert cells[0].startswith("**A title**\nBody with a [link]") and f"]({SETTINGS.site_url}en/rbm/#cd)" in cells[0]
    assert cells[1:] == ["## Next\nText\n```bash\n# not a heading\n```",
                         f"### Last\nSee [above]({SETTINGS.site_url}en/t/#next)."]


def test_outputs_come_from_the_store(tmp_path) -> None:
    """Each runnable cell gets its record's stdout, and its PNG where the page shows the figure."""
    store = Store(tmp_path)
    text = ('```python\n--8<-- "snippets/spiral/data.py"\n```\n![The data](figures/spiral/data.svg)\n'
            '<!-- colab-only: Colab -->\n```python\nprint(1)\n```\n```python\nprint(2)\n```\n')
    page = parse_text(text, "docs/spiral.md")
    png = store.file("k1", "png")
    png.parent.mkdir(parents=True, exist_ok=True)
    png.write_bytes(b"\x89PNG fake")
    records = [Record("k1", "snippets/spiral/data.py", "drawn\n", 1.0, "2", "cpu", 0, figure=True),
               Record("k2", "docs/spiral.md", "2\n", 0.1, "2", "cpu", 0)]
    book = nb.with_outputs(page, nb.build(page, SETTINGS), records, store)
    code = [cell for cell in book["cells"] if cell["cell_type"] == "code"]
    assert [len(cell["outputs"]) for cell in code] == [0, 2, 0, 1]
    stream, image = code[1]["outputs"]
    assert stream["text"] == "drawn\n" and base64.b64decode(image["data"]["image/png"]) == b"\x89PNG fake"
    assert [cell["execution_count"] for cell in code] == [None, 1, None, 2]
    nbformat.validate(nbformat.from_dict(book))
    # a kernel that printed the same passes; one that printed something else is reported
    assert kernel_problems(page, book, records) == []
    code[3]["outputs"][0]["text"] = "3\n"
    assert "printed '3\\n' in a kernel, '2\\n' in the tests" in kernel_problems(page, book, records)[0]


def test_every_notebook_is_generated_from_a_chapter() -> None:
    assert {p.relative_to(ROOT).as_posix() for p in (ROOT / "notebooks").rglob("*.ipynb")} == {
        site.notebook_path(page.name, page.language) for page in PAGES}
