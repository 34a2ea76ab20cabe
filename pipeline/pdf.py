"""The book as a PDF per language: mkdocs-print-site-plugin's print page, printed by Chromium (Playwright).

    python3 dev.py pdf [zh|en]         # dist/dlnotes-<language>.pdf (default: both)
    python3 dev.py pdf zh --site DIR   # only the site with the print page, into DIR

The plugin (enabled by ``DLNOTES_PDF=true``) writes one print_page.html at the site's root, which each
language's build (mkdocs-static-i18n) overwrites: the Chinese book is a build of Chinese alone, the English
one a build of both languages (English is built last).
"""

import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pipeline import notebooks
from pipeline.site import WORDS, build_variant, command

TYPESET = "body[data-maths=typeset]"  # set by docs/javascripts/katex-init.js once KaTeX is done
FOOTER = ('<div style="font-size:8px;width:100%;text-align:center;color:#555">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')
# A browser script: every (lazy: hooks/weight.py) figure loaded, as a reader's scrolling would, and the fonts ready
LOAD_FIGURES = """async () => {
  await Promise.all([...document.images].map(i => { i.loading = "eager"; return i.decode().catch(() => null); }));
  await document.fonts.ready;
}"""


def build_print_site(language: str, out: Path) -> Path:
    """Build the site with the book of ``language`` as ``out``/print_page.html (strict)."""

    def book(config) -> None:
        for other in config.plugins["i18n"].config.languages:
            if language == "zh" and other.locale != "zh":
                other.build = False  # else a later language's build overwrites the print page
        title, contents = WORDS[language]["book"]  # its title and its table of contents' heading
        config.plugins["print-site"].config.update(print_page_title=title, toc_title=contents)

    notebooks.prepare()  # what the build reads
    build_variant(out, "DLNOTES_PDF", book, use_directory_urls=False)
    return out / "print_page.html"


def print_pdf(page: Path, pdf: Path, chromium: str) -> Path:
    """Print ``page`` (a file) to ``pdf`` with Chromium, once its maths is typeset."""
    from playwright.sync_api import sync_playwright

    pdf.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        tab = browser.new_page()
        tab.goto(page.as_uri(), wait_until="load", timeout=120_000)
        tab.wait_for_selector(TYPESET, state="attached", timeout=120_000)
        tab.evaluate(LOAD_FIGURES)
        tab.pdf(path=str(pdf), format="A4", print_background=True, outline=True, tagged=True,
                display_header_footer=True, header_template="<span></span>", footer_template=FOOTER,
                margin={"top": "15mm", "bottom": "18mm", "left": "14mm", "right": "14mm"})
        browser.close()
    return pdf


def site_only(languages: list[str], out: Path) -> None:
    if len(languages) != 1:
        sys.exit("--site builds one language's book: name it (zh or en)")
    build_print_site(languages[0], out)


def make(languages: list[str], dist: Path) -> Iterator[Path]:
    """Each language's PDF in ``dist``."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("chromium is not installed (apt-get install chromium; fonts-noto-cjk for Chinese)")
    for language in languages:
        with tempfile.TemporaryDirectory() as work:
            yield print_pdf(build_print_site(language, Path(work)), dist / f"dlnotes-{language}.pdf", chromium)


def main(argv: list[str] | None = None) -> int:
    return command(argv, "pdf", __doc__, site_only, make)


if __name__ == "__main__":
    sys.exit(main())
