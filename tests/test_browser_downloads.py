"""Notebook downloads, the "edit this page" link and the last-updated date, in a real browser.

tests/browser.py says how; tests/test_site.py checks the same files without a browser
(the downloads are the committed notebooks, byte for byte; the zips hold every one).
"""

from __future__ import annotations

import re

import pytest
import yaml

from pipeline.page import ROOT
from tests.browser import SITE_PATH, load_all

pytestmark = pytest.mark.site

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
EDIT = f"{CONFIG['repo_url']}/{CONFIG['edit_uri']}"

# page path -> (language, the source file its "edit" link opens)
PAGES = {
    "spiral/": ("zh", "spiral.md"),
    "en/spiral/": ("en", "spiral.en.md"),
    "colab/": ("zh", "colab.md"),
    "en/colab/": ("en", "colab.en.md"),
    "en/notebooks/dbn/": ("en", "dbn.en.md"),  # a notebook page edits its chapter
}
DATES = {"zh": r"\d{4}年\d{1,2}月\d{1,2}日", "en": r"[A-Z][a-z]+ \d{1,2}, \d{4}"}

# What a reader sees of the buttons, and what the download link serves (fetched by the page itself).
_LOOK = """async () => {
  const seen = el => el !== null && el.checkVisibility() && el.getBoundingClientRect().width > 0;
  const box = el => el && el.getBoundingClientRect();
  const colab = document.querySelector('a.dlnotes-colab');
  const download = document.querySelector('a.dlnotes-download');
  const all = document.querySelector('a.dlnotes-download-all');
  const edit = document.querySelector('a.md-content__button[rel=edit]');
  const date = document.querySelector('.md-source-file .git-revision-date-localized-plugin-date');
  const view = {
    lang: document.documentElement.lang,
    colab: seen(colab), download: seen(download),
    label: download && download.textContent.trim(),
    name: download && download.getAttribute('download'),
    href: download && new URL(download.href).pathname,
    beside: !!(colab && download) && Math.abs(box(colab).top - box(download).top) < 2
            && box(download).left >= box(colab).right && box(download).left - box(colab).right < 40,
    edit: edit && edit.href, edit_seen: seen(edit),
    date: date && date.textContent.trim(), date_seen: seen(date),
    all: all && new URL(all.href).pathname, zip: null,
  };
  const served = await fetch(download.href);
  try { view.cells = JSON.parse(await served.text()).cells.length; } catch (e) { view.cells = String(e); }
  view.status = served.status;
  if (all) {
    const bytes = new Uint8Array(await (await fetch(all.href)).arrayBuffer());
    view.zip = String.fromCharCode(bytes[0], bytes[1]) + ' ' + bytes.length;
  }
  return view;
}"""


@pytest.fixture(scope="module")
def views(memory, tab, origin) -> dict[str, dict]:
    seen = load_all(memory, tab, origin, list(PAGES), _LOOK, name="downloads:", ready="a.dlnotes-download")
    for view in seen.values():
        assert view["failures"] == [] and view["errors"] == []
    return seen


@pytest.mark.parametrize("path", list(PAGES))
def test_download_button_sits_beside_colab_and_serves_the_notebook(views, path) -> None:
    view, (language, source) = views[path], PAGES[path]
    chapter = source.split(".")[0]
    assert view["colab"] and view["download"] and view["beside"], view
    assert view["label"] == {"zh": "下载笔记本", "en": "Download notebook"}[language]
    assert (view["href"], view["name"]) == (f"{SITE_PATH}notebooks/{language}/{chapter}.ipynb", f"{chapter}.ipynb")
    assert view["status"] == 200 and isinstance(view["cells"], int) and view["cells"] > 2, view["cells"]
    assert f"{SITE_PATH}notebooks/{language}/{chapter}.ipynb" in view["requests"]


@pytest.mark.parametrize("path", list(PAGES))
def test_edit_link_opens_the_pages_own_source(views, path) -> None:
    view, (language, source) = views[path], PAGES[path]
    assert view["lang"] == language
    assert view["edit"] == EDIT + source and view["edit_seen"]


@pytest.mark.parametrize("path", [p for p in PAGES if "notebooks/" not in p])
def test_last_update_is_shown_in_the_pages_language(views, path) -> None:
    view, (language, _) = views[path], PAGES[path]
    assert view["date_seen"] and re.fullmatch(DATES[language], view["date"]), view["date"]


@pytest.mark.parametrize("path, language", [("colab/", "zh"), ("en/colab/", "en")])
def test_colab_chapter_offers_all_notebooks_as_one_zip(views, path, language) -> None:
    view = views[path]
    assert view["all"] == f"{SITE_PATH}notebooks/dlnotes-notebooks-{language}.zip"
    magic, size = view["zip"].split()
    assert magic == "PK" and int(size) > 10_000
