"""Build the site with --strict and check what a reader gets.

The build is the one `mkdocs build --strict` that CI and contributors run: a
broken include, link or anchor fails it. The checks below read the built files;
real-browser checks of the same properties are in tests/test_browser_pages.py.
"""

from __future__ import annotations

import functools
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
import yaml

from pipeline import notebooks as NOTEBOOKS
from pipeline.page import ROOT

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
SITE_HOST = urlparse(CONFIG["site_url"]).hostname
SITE_PATH = urlparse(CONFIG["site_url"]).path  # "/dlnotes/": 404.html uses absolute links
PAGES = sorted(
    p.relative_to(ROOT / "docs").with_suffix("").as_posix()
    for p in (ROOT / "docs").rglob("*.md")
    if not p.name.endswith(".en.md")
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


CHAPTERS = NOTEBOOKS.settings().chapters


@pytest.mark.site
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_has_a_colab_button_and_a_rendered_notebook(site: Path, chapter: str) -> None:
    settings = NOTEBOOKS.settings()
    for prefix, language in [("", "zh"), ("en/", "en")]:
        html = (site / prefix / chapter / "index.html").read_text(encoding="utf-8")
        assert f'href="{settings.colab_url(chapter, language)}"' in html
        assert re.search(rf'href="\.\./notebooks/{chapter}/" class="md-button dlnotes-notebook-link"', html)
        notebook = site / prefix / "notebooks" / chapter / "index.html"
        page = notebook.read_text(encoding="utf-8")
        assert _parse(notebook).lang == language
        assert "jp-Notebook" in page and "jp-OutputArea-output" in page, "rendered with its outputs"
        assert f'href="{settings.colab_url(chapter, language)}"' in page
        assert re.search(rf'href="\.\./\.\./{chapter}/" class="md-button dlnotes-notebook-link"', page)
        assert "mathjax" not in page.lower() and "cdnjs" not in page, "nbconvert's loaders are removed"
    assert not list(site.rglob("*.ipynb")), "notebooks are pages, not copied JSON"


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
