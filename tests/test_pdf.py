"""The book as a PDF per language (pipeline/pdf.py), read back with pypdf.

Each PDF is made once for the site's inputs (tests/memo.py's built_once), as the site build is,
and reused while they are unchanged.
Needs Debian's chromium (skipped locally without it, a failure under $CI).
"""

import json
import re
import unicodedata
from pathlib import Path

import pytest

from pipeline import pdf as book
from pipeline.page import DOCS, file_name, parse, split_file_name
from pipeline.site import load_config
from tests.memo import built_once
from tests.tools import require

pytestmark = [pytest.mark.site, pytest.mark.book]  # not in the default run: .ci/run runs -m book

LANGUAGES = list(book.WORDS)
RAW_TEX = ["$$", "\\frac", "\\sum", "\\mathbf"]


CONFIG = load_config()
BOOK = [page for part in CONFIG["nav"] for pages in part.values() for page in pages if page != "api.md"]
FIRST_CHAPTER = next(pages[0] for part in CONFIG["nav"] for name, pages in part.items()
                     if name == CONFIG["extra"]["notebooks"]["section"])


def title(page: str, language: str) -> str:
    """The H1 of a nav page in ``language``."""
    name, _ = split_file_name(page)
    return parse(DOCS / file_name(name, language)).title.text


def chapter_titles(language: str) -> list[str]:
    """The title of every page of the book (the nav, the API reference aside), in nav order."""
    return [title(page, language) for page in BOOK]


@pytest.fixture(scope="module")
def pdfs() -> dict[str, Path]:
    """Each language's PDF, made by ``python -m pipeline.pdf`` once for the site's inputs."""
    require("chromium", "chromium-browser", install="apt-get install chromium fonts-noto-cjk")
    out = built_once("pdf", f"dlnotes-{LANGUAGES[-1]}.pdf", ["pipeline.pdf", "--dist"], "the PDF build")
    return {lang: out / f"dlnotes-{lang}.pdf" for lang in LANGUAGES}


@pytest.fixture(scope="module")
def read(pdfs) -> dict[str, dict]:
    """Each PDF's text per page, outline titles and fonts (read once per PDF: pypdf takes ~15 s a book)."""
    books = {}
    for lang, path in pdfs.items():
        cached = path.with_suffix(".read.json")
        if not cached.is_file():
            cached.write_text(json.dumps(_read(path), ensure_ascii=False), encoding="utf-8")
        books[lang] = json.loads(cached.read_text(encoding="utf-8"))
    return books


def _read(path: Path) -> dict:
    from pypdf import PdfReader

    reader = PdfReader(path)
    fonts = {}
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = font.get_object()
            for part in [font, *[f.get_object() for f in font.get("/DescendantFonts", [])]]:
                if "/FontDescriptor" in part and "/BaseFont" in part:  # Type3 fonts draw their glyphs
                    descriptor = part["/FontDescriptor"].get_object()
                    embedded = ("/FontFile", "/FontFile2", "/FontFile3")
                    fonts[str(part["/BaseFont"])] = any(k in descriptor for k in embedded)
    return {
        "pages": [page.extract_text() for page in reader.pages],
        "outline": [[item.title, reader.get_destination_page_number(item)] for item in _flatten(reader.outline)],
        "fonts": fonts,
    }


def _flatten(outline) -> list:
    return [leaf for item in outline for leaf in (_flatten(item) if isinstance(item, list) else [item])]


def _squeezed(text: str) -> str:
    """``text`` without whitespace, NFKC-normalised: the CJK fonts map some characters to
    their Kangxi radicals (⾃ for 自), which the PDF's text then holds."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_chapter_is_in_the_book_in_nav_order(read, lang) -> None:
    text = _squeezed("\n".join(read[lang]["pages"]))
    titles = chapter_titles(lang)
    where = [text.find(_squeezed(title)) for title in titles]
    assert [t for t, at in zip(titles, where) if at < 0] == [], "chapters missing from the PDF"
    outline = {_squeezed(title): page for title, page in read[lang]["outline"]}
    pages = [outline[_squeezed(title)] for title in titles]
    assert pages == sorted(pages), "the outline's chapters are not in nav order"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_raw_tex(read, lang) -> None:
    """From the first chapter on (the contributor guide before it shows how to write maths)."""
    first = title(FIRST_CHAPTER, lang)
    start = next(page for title, page in read[lang]["outline"] if _squeezed(title) == _squeezed(first))
    text = "\n".join(read[lang]["pages"][start:])
    assert [tex for tex in RAW_TEX if tex in text] == [], "maths left untypeset"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_table_of_contents_and_page_numbers(read, lang) -> None:
    pages = read[lang]["pages"]
    contents = book.WORDS[lang]["book"][1]
    assert any(contents in _squeezed(page) for page in pages[:3]), "no table of contents at the start"
    assert len(read[lang]["outline"]) >= len(chapter_titles(lang)), "no PDF outline (bookmarks)"
    total = len(pages)
    unnumbered = [n for n, page in enumerate(pages, 1) if f"{n} / {total}" not in page]
    assert unnumbered == [], "pages without 'n / total' in the footer"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_fonts_are_embedded(read, lang) -> None:
    fonts = read[lang]["fonts"]
    assert fonts and all(fonts.values()), [name for name, embedded in fonts.items() if not embedded]
