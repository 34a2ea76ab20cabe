"""The book as a PDF per language: mkdocs-print-site-plugin's print page, printed by Chromium.

    python3 dev.py pdf zh              # dist/dlnotes-zh.pdf
    python3 dev.py pdf                 # both languages
    python3 dev.py pdf --site zh DIR   # only the site with the print page, into DIR

The print-site plugin is enabled for this build only (``DLNOTES_PDF=true``). With
mkdocs-static-i18n it writes one print_page.html, at the site's root, and each
language's build overwrites it: the last language built wins. So the Chinese
book is a build of Chinese alone (English's ``build`` turned off), and the English
book a build of both languages (English is built last). The page holds the nav's
pages in order, with the plugin's table of contents; Chromium (Debian's
``chromium``, driven by Playwright) waits for KaTeX, then prints it with page
numbers in the footer and the headings as the PDF's outline.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from pipeline import notebooks
from pipeline.site import DIST, build_variant
from pipeline.weight import LOAD_FIGURES

PRINT_PAGE = "print_page.html"
TYPESET = "body[data-maths=typeset]"  # set by docs/javascripts/katex-init.js once KaTeX is done
TITLES = {  # the book's title and its table of contents' heading
    "zh": ("dlnotes 深度学习笔记", "目录"),
    "en": ("dlnotes deep-learning notes", "Contents"),
}
FOOTER = ('<div style="font-size:8px;width:100%;text-align:center;color:#555">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')


def build_print_site(language: str, out: Path) -> Path:
    """Build the site with the book of ``language`` as ``out``/print_page.html (strict)."""

    def book(config) -> None:
        for other in config.plugins["i18n"].config.languages:
            if language == "zh" and other.locale != "zh":
                other.build = False  # else a later language's build overwrites the print page
        title, contents = TITLES[language]
        config.plugins["print-site"].config.update(print_page_title=title, toc_title=contents)

    notebooks.prepare()  # the build reads the store
    build_variant(out, "DLNOTES_PDF", book, use_directory_urls=False)
    return out / PRINT_PAGE


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


def find_chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        sys.exit("chromium is not installed (apt-get install chromium; fonts-noto-cjk for Chinese)")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 dev.py pdf", description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*", metavar="{zh,en}", help="default: both")
    parser.add_argument("--site", type=Path, help="only build the site with the print page (one language)")
    parser.add_argument("--dist", type=Path, default=DIST, help="where the PDFs go (default: dist/)")
    args = parser.parse_args(argv)
    languages = args.languages or list(TITLES)
    if unknown := set(languages) - set(TITLES):
        parser.error(f"unknown language(s) {sorted(unknown)}: choose from {list(TITLES)}")
    from mkdocs.exceptions import Abort

    try:
        if args.site:
            if len(languages) != 1:
                parser.error("--site builds one language")
            build_print_site(languages[0], args.site.resolve())
            return 0
        chromium = find_chromium()
        for language in languages:
            with tempfile.TemporaryDirectory() as work:
                page = build_print_site(language, Path(work))
                pdf = print_pdf(page, args.dist.resolve() / f"dlnotes-{language}.pdf", chromium)
            print(f"{pdf}: {pdf.stat().st_size / 1e6:.1f} MB")
    except Abort as error:  # strict: the warnings above made the build fail
        print(f"the build failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
