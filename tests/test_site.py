"""Build the site with --strict and check what a reader gets.

The build is the one `mkdocs build --strict` that CI and contributors run: a
broken include, link or anchor fails it. The checks below read the built files;
real-browser checks of the same properties are in tests/test_browser_pages.py.
"""

import functools
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from pipeline.page import ROOT, file_name, split_file_name
from pipeline.site import PREFIXES, ZIP_TIME, archive_path, load_config, notebook_path, settings

CONFIG, SETTINGS = load_config(), settings()
SITE_HOST = urlparse(SETTINGS.site_url).hostname
SITE_PATH = SETTINGS.path  # "/dlnotes/": 404.html uses absolute links
PAGES = sorted(
    p.relative_to(ROOT / "docs").with_suffix("").as_posix()
    for p in (ROOT / "docs").rglob("*.md")
    if split_file_name(p)[1] == "zh"
)


def page_dir(page: str) -> str:
    return "" if page == "index" else f"{page.removesuffix('/index')}/"


class _Html(HTMLParser):
    """What the checks read from a built page: what it makes the browser load (not mere links
    to follow), its language, images, link targets and ids."""

    LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.lang: str | None = None
        self.alternate_links = 0
        self.images: list[dict] = []
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag in {"script", "img", "iframe", "source", "audio", "video", "embed"} and a.get("src"):
            self.loads.append(a["src"])
        if tag == "img":
            self.images.append(a)
        if tag == "link":
            rels = set((a.get("rel") or "").split())
            if rels & self.LOADING_RELS and a.get("href"):
                self.loads.append(a["href"])
            if "alternate" in rels and a.get("hreflang"):
                self.alternate_links += 1
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])


@functools.cache
def _parse(path: Path) -> _Html:
    """A built page, parsed once per test run (a built site never changes: a new build is a new folder)."""
    parser = _Html()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.site
@pytest.mark.parametrize("page", PAGES)
def test_page_is_built_in_both_languages(site: Path, page: str) -> None:
    zh = site / page_dir(page) / "index.html"
    en = site / "en" / page_dir(page) / "index.html"
    assert _parse(zh).lang == "zh"
    assert _parse(en).lang == "en"


@pytest.mark.site
def test_language_switcher_is_contextual(site: Path) -> None:
    html = (site / "tensors" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="\.\./en/tensors/" hreflang="en"', html)
    html = (site / "en" / "tensors" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="\.\./\.\./tensors/" hreflang="zh"', html)


@pytest.mark.site
def test_nothing_is_loaded_from_another_host(site: Path) -> None:
    offenders = []
    for html in site.rglob("*.html"):
        for url in _parse(html).loads:
            host = urlparse(url).hostname
            if host and host != SITE_HOST:
                offenders.append(f"{html.relative_to(site)}: {url}")
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if urlparse(url).hostname:
                offenders.append(f"{css.relative_to(site)}: {url}")
        if "@import" in css.read_text(encoding="utf-8"):
            offenders.append(f"{css.relative_to(site)}: @import")
    assert offenders == []


@pytest.mark.site
def test_every_local_resource_exists(site: Path) -> None:
    missing = []
    for html in site.rglob("*.html"):
        base = "file://" + html.as_posix()
        for url in _parse(html).loads:
            if url.startswith(SITE_PATH):
                url = (site / url.removeprefix(SITE_PATH)).as_uri()
            target = urlparse(urljoin(base, url))
            if target.scheme == "file" and not Path(target.path).is_file():
                missing.append(f"{html.relative_to(site)}: {url}")
    assert missing == []


@pytest.mark.site
def test_no_page_makes_the_browser_fetch_a_missing_sitemap(site: Path) -> None:
    """<link rel=alternate hreflang> makes Material fetch sitemap.xml beside each page."""
    assert sum(_parse(p).alternate_links for p in site.rglob("*.html")) == 0


@pytest.mark.site
def test_maths_is_rendered_by_the_sites_own_katex(site: Path) -> None:
    html = (site / "tensors" / "index.html").read_text(encoding="utf-8")
    assert 'class="arithmatex"' in html
    for asset in ["katex.min.js", "contrib/auto-render.min.js", "katex.min.css"]:
        assert f"assets/katex/{asset}" in html
    assert "javascripts/katex-init.js" in html
    css = (site / "assets" / "katex" / "katex.min.css").read_text(encoding="utf-8")
    woff2 = re.findall(r"url\((fonts/[^)]+\.woff2)\)", css)
    assert woff2 and all((site / "assets" / "katex" / f).is_file() for f in woff2)


def _tokens(index: dict, location: str) -> set[str]:
    """Tokens that lunr indexes for one page, split by the site's own separator."""
    separator = index["config"]["separator"].replace("\\u200b", "\u200b")
    text = " ".join(
        d["title"] + " " + d["text"] for d in index["docs"] if d["location"].split("#")[0] == location
    )
    return {t.lower() for t in re.split(separator, text) if t}


@pytest.mark.site
def test_search_has_one_index_per_language(site: Path) -> None:
    zh = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads((site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert {d["location"].split("#")[0] for d in zh["docs"]} == {page_dir(p) for p in PAGES}
    assert {d["location"].split("#")[0] for d in en["docs"]} == {page_dir(p) for p in PAGES}
    assert not any(d["location"].startswith("en/") for d in zh["docs"] + en["docs"])
    assert '"base": "../../en/"' in (site / "en" / "tensors" / "index.html").read_text(encoding="utf-8")


@pytest.mark.site
def test_chinese_words_are_searchable(site: Path) -> None:
    """jieba must have segmented the Chinese text, and the separator must split on U+200B."""
    zh = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert {"张量", "广播"} <= _tokens(zh, "tensors/")
    en = json.loads((site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert {"tensor", "broadcasting"} <= _tokens(en, "tensors/")
    # No stemming (see mkdocs.yml): a query and the indexed words must meet as typed.
    assert zh["config"]["pipeline"] == en["config"]["pipeline"] == ["stopWordFilter"]


@pytest.mark.site
def test_api_reference_speaks_the_pages_language(site: Path) -> None:
    zh = (site / "api" / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "api" / "index.html").read_text(encoding="utf-8")
    for html in (zh, en):
        assert 'id="dlnotes.device.get_device"' in html and 'id="dlnotes.seed.set_seed"' in html
    assert "参数" in zh and "Parameters" not in zh
    assert "Parameters" in en and "参数" not in en


@pytest.mark.site
def test_figures_are_drawn_for_both_languages_with_alt_text(site: Path) -> None:
    for page in ["spiral/index.html", "en/spiral/index.html"]:
        images = _parse(site / page).images
        figures = [img for img in images if "figures/" in img.get("src", "")]
        assert len(figures) >= 4
        assert all(len(img.get("alt", "")) > 10 for img in images), page
    for svg in (site / "figures").rglob("*.svg"):
        assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")


CHAPTERS = SETTINGS.chapters


@pytest.mark.site
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_has_a_colab_button_and_a_rendered_notebook(site: Path, chapter: str) -> None:
    for language, prefix in PREFIXES.items():
        html = (site / prefix / chapter / "index.html").read_text(encoding="utf-8")
        assert f'href="{SETTINGS.colab_url(chapter, language)}"' in html
        assert re.search(rf'href="\.\./notebooks/{chapter}/" class="md-button dlnotes-notebook-link"', html)
        notebook = site / prefix / "notebooks" / chapter / "index.html"
        page = notebook.read_text(encoding="utf-8")
        assert _parse(notebook).lang == language
        assert "jp-Notebook" in page and "jp-OutputArea-output" in page, "rendered with its outputs"
        assert f'href="{SETTINGS.colab_url(chapter, language)}"' in page
        assert re.search(rf'href="\.\./\.\./{chapter}/" class="md-button dlnotes-notebook-link"', page)
        assert "mathjax" not in page.lower() and "cdnjs" not in page, "nbconvert's loaders are removed"
        assert "<style" not in page and "stylesheets/notebooks.css" in page, \
            "no inline stylesheet of nbconvert's: docs/stylesheets/notebooks.css styles the notebook"
        assert 'class="highlight-ipynb hl-python highlight"' in page, "code cells coloured as Material's code"
        for html_file in (site / prefix / chapter / "index.html", notebook):  # both offer the download
            assert _download(html_file) == site / notebook_path(chapter, language)
    assert not list((site / "notebooks" / chapter).glob("*.ipynb")), "notebooks are pages, not copied JSON"
    assert not list((site / "en" / "notebooks" / chapter).glob("*.ipynb"))


_DOWNLOAD = re.compile(r'<a href="(?P<href>[^"]+)" download="(?P<name>[^"]+)" class="md-button dlnotes-download">')


def _download(html: Path) -> Path:
    """The file a page's "Download notebook" button fetches (the one button, named like the file)."""
    [match] = _DOWNLOAD.finditer(html.read_text(encoding="utf-8"))
    target = Path(urlparse(urljoin(html.as_uri(), match["href"])).path)
    assert match["name"] == target.name
    return target


@pytest.mark.site
def test_notebook_downloads_are_the_committed_notebooks_at_one_place(site: Path) -> None:
    """The site serves each committed notebook (the file Colab opens), byte for byte, at
    notebooks/<language>/<chapter>.ipynb, and no other .ipynb file."""
    expected = {notebook_path(c, language) for c in CHAPTERS for language in PREFIXES}
    assert {p.relative_to(site).as_posix() for p in site.rglob("*.ipynb")} == expected
    for path in expected:
        assert (site / path).read_bytes() == (ROOT / path).read_bytes(), path


@pytest.mark.site
def test_each_language_has_a_zip_of_its_notebooks_linked_from_the_colab_chapter(site: Path) -> None:
    import zipfile

    for language, prefix in PREFIXES.items():
        archive = site / archive_path(language)
        with zipfile.ZipFile(archive) as bundle:
            entries = bundle.infolist()
            assert [e.filename for e in entries] == [f"{archive.stem}/{c}.ipynb" for c in CHAPTERS]
            for entry, chapter in zip(entries, CHAPTERS):
                assert bundle.read(entry) == (ROOT / notebook_path(chapter, language)).read_bytes()
                assert entry.date_time == ZIP_TIME, "fixed times: the same bytes on every build"
        colab = site / prefix / "colab" / "index.html"
        html = colab.read_text(encoding="utf-8")
        link = re.search(r'<a href="([^"]+)" download class="md-button dlnotes-download-all">', html)
        assert link and Path(urlparse(urljoin(colab.as_uri(), link[1])).path) == archive


_EDIT = re.compile(r'<a href="(?P<href>[^"]+)" title="(?P<title>[^"]+)" class="md-content__button md-icon" rel="edit">')
_UPDATED = re.compile(r'class="git-revision-date-localized-plugin git-revision-date-localized-plugin-date"'
                      r' title="[^"]*">(?P<date>[^<]+)</span>')
_DATE_FORMATS = {"zh": r"\d{4}年\d{1,2}月\d{1,2}日", "en": r"[A-Z][a-z]+ \d{1,2}, \d{4}"}


def _edit_url(source: str) -> str:
    return f"{CONFIG['repo_url']}/{CONFIG['edit_uri']}{source}"


def _git_date(source: str, language: str) -> str | None:
    """The page's last commit date as the site should show it, or None if the file is uncommitted or changed."""
    import subprocess
    from datetime import datetime, timezone

    from babel.dates import format_date

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=60).stdout.strip()
        except OSError:
            return ""

    stamp = git("log", "-1", "--format=%at", "--", f"docs/{source}")
    if not stamp or git("status", "--porcelain", "--", f"docs/{source}"):
        return None
    return format_date(datetime.fromtimestamp(int(stamp), timezone.utc), format="long", locale=language)


@pytest.mark.site
@pytest.mark.parametrize("page", PAGES)
def test_each_page_links_its_own_source_and_shows_its_last_change_in_its_language(site: Path, page: str) -> None:
    for language, prefix in PREFIXES.items():
        html = (site / prefix / page_dir(page) / "index.html").read_text(encoding="utf-8")
        [edit] = _EDIT.finditer(html)
        source = file_name(page, language)
        assert edit["href"] == _edit_url(source) and (ROOT / "docs" / source).is_file()
        assert edit["title"] == {"zh": "编辑此页", "en": "Edit this page"}[language]
        [shown] = _UPDATED.finditer(html)
        assert re.fullmatch(_DATE_FORMATS[language], shown["date"]), shown["date"]
        assert shown["date"] == (_git_date(source, language) or shown["date"])


@pytest.mark.site
def test_notebook_pages_edit_their_chapter_and_show_no_date(site: Path) -> None:
    """A notebook page is generated (git-ignored): "edit" goes to the chapter, and it has no git date."""
    for language, prefix in PREFIXES.items():
        html = (site / prefix / "notebooks" / "spiral" / "index.html").read_text(encoding="utf-8")
        assert [m["href"] for m in _EDIT.finditer(html)] == [_edit_url(file_name("spiral", language))]
        assert not _UPDATED.search(html)


@pytest.mark.site
def test_notebooks_show_their_figures_and_speak_their_language(site: Path) -> None:
    zh = (site / "notebooks" / "dbn" / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "notebooks" / "dbn" / "index.html").read_text(encoding="utf-8")
    assert "深度信念网络" in zh and "Deep belief networks" in en
    assert 'alt="测试集准确率随反向传播轮数' in zh and 'alt="Test accuracy against epochs' in en
    for html in (zh, en):
        assert 'src="data:image/png;base64,' in html and "No description has been provided" not in html
        assert "epoch 10: pre-trained 0.969, random init 0.861" in html  # the executed output


@pytest.mark.site
def test_only_chapters_have_notebook_buttons(site: Path) -> None:
    for page in ["", "api/", "glossary/", "contributing/", "en/", "en/api/"]:
        assert "dlnotes-colab" not in (site / page / "index.html").read_text(encoding="utf-8"), page


@pytest.mark.site
def test_notebooks_are_not_search_results(site: Path) -> None:
    """The chapter is the page search should find; its notebook repeats it."""
    for index in [site / "search" / "search_index.json", site / "en" / "search" / "search_index.json"]:
        docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
        assert docs and not any("notebooks/" in doc["location"] for doc in docs)


@pytest.mark.site
def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    """Both languages: each link to a page of this site reaches a file, and its #anchor an id there."""
    pages = {html.resolve(): _parse(html) for html in site.rglob("*.html")}
    broken = []
    for html, parser in pages.items():
        base = html.as_uri()
        for href in parser.hrefs:
            if href.startswith(SITE_PATH):  # 404.html links from the site root
                href = (site / href.removeprefix(SITE_PATH)).as_uri()
            target = urlparse(urljoin(base, href))
            if target.scheme != "file":
                continue
            path = Path(target.path)
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                broken.append(f"{html.relative_to(site)}: {href} (no such file)")
            elif target.fragment and path.suffix == ".html":
                ids = pages[path.resolve()].ids
                if target.fragment not in ids and unquote(target.fragment) not in ids:
                    broken.append(f"{html.relative_to(site)}: {href} (no id {target.fragment!r})")
    assert broken == []
