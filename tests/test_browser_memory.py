"""The browser tests' memory (tests/browser.py): an observation is reused only while
every file it read, the code that made it and the browser are unchanged."""

from pathlib import Path

import pytest

from pipeline.cache import Cache, digests
from tests import browser
from tests.browser import SITE_PATH, Memory


@pytest.fixture
def setting(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """A two-page site, a test module, and an empty memory and artefacts folder."""
    site = tmp_path / "site"
    for file, text in [("index.html", "home"), ("a/index.html", "page a"), ("app.js", "js"),
                       (browser.SEARCH_INDEX, "{}")]:
        (site / file).parent.mkdir(parents=True, exist_ok=True)
        (site / file).write_text(text)
    module = tmp_path / "test_module.py"
    module.write_text("# observes pages\n")
    monkeypatch.setattr(browser, "OUTCOMES", Cache("outcomes", tmp_path))
    monkeypatch.setattr(browser, "code_reads", lambda: digests([module]))  # the code that observes
    monkeypatch.setattr(browser, "ARTIFACTS", tmp_path / "artifacts")
    return site, module


def _look(*paths: str, **more) -> dict:
    return {"requests": [SITE_PATH + p for p in paths] + ["data:image/png;base64,xx"], "errors": [], **more}


def test_an_observation_is_reused_while_nothing_it_read_changed(setting) -> None:
    site, module = setting
    looks = []
    observe = lambda memory, name: memory.observe(name, lambda: looks.append(name) or _look("a/", "app.js"))  # noqa: E731
    first = Memory(site, module)
    assert observe(first, "reader:a/") == _look("a/", "app.js")
    assert observe(first, "reader:a/") == _look("a/", "app.js") and looks == ["reader:a/"]
    again = Memory(site, module)  # a later run
    observe(again, "reader:a/")
    assert looks == ["reader:a/"] and again.reused == ["reader:a/"] and again.made == []

    (site / "index.html").write_text("home, edited")  # a file the page did not load
    observe(Memory(site, module), "reader:a/")
    assert looks == ["reader:a/"]

    (site / "app.js").write_text("js, edited")  # a file it loaded
    observe(Memory(site, module), "reader:a/")
    assert looks == ["reader:a/"] * 2

    module.write_text("# observes pages differently\n")  # the code that observes
    observe(Memory(site, module), "reader:a/")
    assert looks == ["reader:a/"] * 3

    (site / "a" / "index.html").unlink()  # the page itself, gone
    observe(Memory(site, module), "reader:a/")
    assert looks == ["reader:a/"] * 4


def test_only_the_search_observations_depend_on_the_search_index(setting) -> None:
    site, module = setting
    looks = []
    for name in ["reader:", "search:"]:
        Memory(site, module).observe(name, lambda name=name: looks.append(name) or _look("", browser.SEARCH_INDEX))
    (site / browser.SEARCH_INDEX).write_text('{"docs": []}')
    for name in ["reader:", "search:"]:
        Memory(site, module).observe(name, lambda name=name: looks.append(name) or _look("", browser.SEARCH_INDEX))
    assert looks == ["reader:", "search:", "search:"]


def test_an_observation_whose_artefact_is_gone_is_made_again(setting) -> None:
    site, module = setting
    looks = []

    def shoot() -> dict:
        looks.append(1)
        (browser.ARTIFACTS / "shot.png").parent.mkdir(parents=True, exist_ok=True)
        (browser.ARTIFACTS / "shot.png").write_bytes(b"png")
        return _look("", artifacts=["shot.png"])

    Memory(site, module).observe("shot", shoot)
    Memory(site, module).observe("shot", shoot)
    assert looks == [1]
    (browser.ARTIFACTS / "shot.png").unlink()
    Memory(site, module).observe("shot", shoot)
    assert looks == [1, 1]


def test_a_changed_browser_observes_again(setting, monkeypatch) -> None:
    site, module = setting
    looks = []
    Memory(site, module).observe("reader:", lambda: looks.append(1) or _look(""))
    monkeypatch.setattr(browser, "_browser_version", lambda: "Chromium 999")
    Memory(site, module).observe("reader:", lambda: looks.append(1) or _look(""))
    assert looks == [1, 1]
