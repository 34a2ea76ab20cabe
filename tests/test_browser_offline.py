"""The offline zips (pipeline/offline.py), unzipped and read in Chromium from ``file://`` URLs.

The offline build of the site is made once for its inputs (tests/memo.py's built_once),
and the zips from it once, beside it; they are unzipped each run; each language's pages
and search are observed there, the observations kept like the other browser tests'
(tests/browser.py) under a name that holds the build's key.
"""

import hashlib
import json
import shutil
import zipfile
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

import pytest

from pipeline import offline
from pipeline.cache import file_lock
from pipeline.page import ROOT
from pipeline.pdf import LOAD_FIGURES, TYPESET
from pipeline.site import PREFIXES
from tests.browser import ARTIFACTS, Memory, Recorder
from tests.memo import built_once
from tests.test_browser_pages import RAW_TEX
from tests.test_site import PAGES, page_dir

pytestmark = [pytest.mark.site, pytest.mark.book]  # not in the default run: .ci/run runs -m book

LANGUAGES = list(PREFIXES)
QUERY = {"zh": "张量", "en": "broadcasting"}  # each must find the tensors chapter of its language
_PAGES = [page_dir(page).removesuffix("/") or "index" for page in PAGES]
_FACTS = """async () => {
  await (""" + LOAD_FIGURES + """)();  // figures are lazy: load them all, as a reader scrolling would
  const figures = [...document.querySelectorAll(".md-content img")];
  const prose = document.querySelector(".md-content").cloneNode(true);
  prose.querySelectorAll("pre, code, .katex").forEach(e => e.remove());
  return {
    lang: document.documentElement.lang,
    title: document.title,
    maths: document.querySelectorAll(".arithmatex").length,
    typeset: [...document.querySelectorAll(".arithmatex")].filter(e => e.querySelector(".katex")).length,
    katexErrors: document.querySelectorAll(".katex-error").length,
    prose: prose.innerText,
    images: figures.filter(i => !(i.complete && i.naturalWidth > 0))
              .map(i => i.getAttribute("src")),
    links: [...document.querySelectorAll("a[href]")].map(a => a.href).filter(h => h.startsWith("file:")),
  };
}"""
_HITS = "() => [...document.querySelectorAll('.md-search-result__item > a')].map(a => a.href)"


@pytest.fixture(scope="session")
def offline_site() -> Path:
    """The offline build of the site, made once for its inputs (``python -m pipeline.offline --site``)."""
    return built_once("offline", "index.html", ["pipeline.offline", "--site"], "the offline build")


@pytest.fixture(scope="module")
def zips(offline_site: Path) -> dict[str, Path]:
    """Each language's zip, as ``python3 dev.py offline`` writes it: made once for the site's inputs."""
    work = offline_site.with_name(offline_site.name + ".zips")
    with file_lock(offline_site.with_name("offline.lock")):
        if not all((work / f"{lang}.zip").is_file() for lang in LANGUAGES):
            shutil.rmtree(work, ignore_errors=True)
            wheel = offline.build_wheel(work / "wheel")
            for lang in LANGUAGES:
                offline.package(offline_site, lang, wheel, work / f"{lang}.partial.zip").rename(work / f"{lang}.zip")
    return {lang: work / f"{lang}.zip" for lang in LANGUAGES}


@pytest.fixture(scope="module")
def unzipped(zips: dict[str, Path]) -> dict[str, Path]:
    """Each zip's top folder, unzipped as a reader does."""
    folders = {}
    for lang, path in zips.items():
        folders[lang] = path.with_suffix("") / f"dlnotes-{lang}"
        if not folders[lang].is_dir():
            with zipfile.ZipFile(path) as archive:
                archive.extractall(path.with_suffix(""))
    return folders


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_zip_holds_the_site_the_notebooks_a_wheel_and_how_to_use_it(zips, lang) -> None:
    with zipfile.ZipFile(zips[lang]) as archive:
        names = archive.namelist()
        readme = archive.read(f"dlnotes-{lang}/README.txt").decode()
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert names == sorted(names) and all(n.startswith(f"dlnotes-{lang}/") for n in names)
    names = {n.removeprefix(f"dlnotes-{lang}/") for n in names}
    assert offline.start_page(lang) in names and offline.start_page(lang) in readme
    assert ("使用说明" if lang == "zh" else "How to use") in readme
    assert {n for n in names if n.startswith("notebooks/")} == {
        f"notebooks/{p.name}" for p in (ROOT / "notebooks" / lang).glob("*.ipynb")}
    (wheel,) = [n for n in names if n.endswith(".whl")]
    assert wheel.startswith("dlnotes-") and wheel in readme
    assert "site/search/search_index.js" in names and "site/en/search/search_index.js" in names


def test_the_zip_is_the_same_bytes_when_made_again(offline_site, zips, tmp_path) -> None:
    with zipfile.ZipFile(zips["zh"]) as archive:
        wheel = tmp_path / next(n for n in archive.namelist() if n.endswith(".whl")).split("/")[-1]
        wheel.write_bytes(archive.read(f"dlnotes-zh/{wheel.name}"))
    again = offline.package(offline_site, "zh", wheel, tmp_path / "again.zip")
    assert hashlib.sha256(again.read_bytes()).digest() == hashlib.sha256(zips["zh"].read_bytes()).digest()


@pytest.fixture(scope="module")
def views(request, offline_site: Path, unzipped: dict[str, Path]) -> dict[str, dict]:
    """Each language's pages and search, read from ``file://`` (observed, or recalled while unchanged)."""
    memory = Memory(offline_site, request.path)

    def look(lang: str) -> dict:
        browser = request.getfixturevalue("browser")
        site = unzipped[lang] / "site"
        origin = site.as_uri()
        root = PREFIXES[lang]
        pages = {}
        for page in _PAGES + ["notebooks/tensors"]:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            tab = context.new_page()
            recorder = Recorder(tab, origin)
            tab.goto(f"{origin}/{root}{page}.html", wait_until="load")
            tab.wait_for_selector(TYPESET, state="attached", timeout=20_000)
            facts = tab.evaluate(_FACTS)
            facts["links"] = [_relative(link, site) for link in facts["links"]]
            pages[page] = {**facts, **recorder.seen()}
            context.close()
        context = browser.new_context()
        tab = context.new_page()
        recorder = Recorder(tab, origin)
        tab.goto(f"{origin}/{root}index.html?q={quote(QUERY[lang])}", wait_until="load")
        tab.wait_for_selector(".md-search-result__item", timeout=20_000)
        search = {"hits": [_relative(hit, site) for hit in tab.evaluate(_HITS)], **recorder.seen()}
        context.close()
        every = [url for view in [*pages.values(), search] for url in view["requests"]]
        return {"pages": pages, "search": search, "requests": every}

    seen = {lang: memory.observe(f"offline:{offline_site.name}:{lang}", lambda lang=lang: look(lang))
            for lang in LANGUAGES}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    requests = {lang: sorted(set(view["requests"])) for lang, view in seen.items()}
    (ARTIFACTS / "browser-offline-requests.json").write_text(json.dumps(requests, indent=1), encoding="utf-8")
    return seen


def _relative(url: str, site: Path) -> str:
    """A file:// URL inside ``site`` as a path relative to it (fragment and query dropped)."""
    path = Path(unquote(urlparse(url).path))
    return path.relative_to(site).as_posix() if path.is_relative_to(site) else url


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_works_from_the_file_system(views, unzipped, lang) -> None:
    """Only files of the zip are requested, none fails, no console error, maths typeset,
    every figure loaded, every link leads to a file of the zip."""
    seen = views[lang]
    outside = [u for u in seen["requests"] if not u.startswith(("/", "data:", "blob:", "about:"))]
    assert outside == [], "a request that is not a file of the zip"
    site = unzipped[lang] / "site"
    for page, view in seen["pages"].items():
        assert view["failures"] == view["errors"] == [], page
        assert view["lang"] == lang, page
        assert view["katexErrors"] == 0 and view["typeset"] == view["maths"], page
        assert [tex for tex in RAW_TEX if tex in view["prose"]] == [], f"{page}: maths left untypeset"
        assert view["images"] == [], f"{page}: figures not loaded"
        missing = sorted({link for link in view["links"] if not (site / link).is_file()})
        assert missing == [], f"{page}: links to files the zip lacks"
    assert sum(view["maths"] for view in seen["pages"].values()) > 50


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_works_from_the_file_system(views, lang) -> None:
    search = views[lang]["search"]
    assert search["failures"] == search["errors"] == []
    root = PREFIXES[lang]
    assert f"{root}tensors.html" in search["hits"], search["hits"][:5]
    assert all(hit.startswith("en/") == (lang == "en") for hit in search["hits"]), "the other language's pages"

