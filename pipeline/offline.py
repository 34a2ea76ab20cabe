"""The offline copy: one zip per language that works opened from the file system.

    python3 dev.py offline [zh|en]     # dist/dlnotes-offline-<language>.zip (default: both)
    python3 dev.py offline --site DIR  # only the offline build of the site, into DIR

Material's ``offline`` plugin (``DLNOTES_OFFLINE=true``) makes links end in ``.html`` and writes the search
index as a script too, which ``file://`` can load. Each zip holds the whole site (both languages: the language
switch works), that language's notebooks, a wheel of ``dlnotes`` and README.txt (offline-README.<language>.txt).
"""

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pipeline import notebooks
from pipeline.page import ROOT
from pipeline.site import EPOCH, NOTEBOOKS, PREFIXES, build_variant, command, settings, write_zip

SHIM = "assets/iframe-worker/shim.js"  # vendored: the plugin adds unpkg's copy unless a polyfill names iframe-worker
README = {language: Path(__file__).with_name(f"offline-README.{language}.txt").read_text(encoding="utf-8")
          for language in PREFIXES}  # read as the module loads: a build's recorded reads (tests/memo.py) hold them


def build_site(out: Path) -> None:
    """Build the site for ``file://`` into ``out`` (strict: a warning fails)."""
    notebooks.prepare()  # what the build reads
    build_variant(out, "DLNOTES_OFFLINE", lambda config: config.extra.update(
        polyfills=[*config.extra.get("polyfills", []), SHIM]))
    for root in PREFIXES.values():  # hooks/i18n.py split the index per language after the plugin wrote its script
        index = out / root / "search" / "search_index.json"
        index.with_suffix(".js").write_text("var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8")


def build_wheel(into: Path) -> Path:
    """A wheel of dlnotes (no dependencies, built without the network)."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(into), str(ROOT)], check=True, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    (wheel,) = into.glob("dlnotes-*.whl")
    return wheel


def start_page(language: str) -> str:
    """The zip's start page for ``language``, relative to the zip's root."""
    return f"site/{PREFIXES[language]}index.html"


def package(site: Path, language: str, wheel: Path, zip_path: Path) -> Path:
    """Write the offline zip of ``language``: site/, notebooks/, the wheel and README.txt."""
    online = settings().page_url("index", language)
    entries: dict[str, bytes | Path] = {
        "README.txt": README[language].format(start=start_page(language), wheel=wheel.name, online=online).encode(),
        wheel.name: wheel,
    }
    for file in site.rglob("*"):
        if file.is_file():
            entries["site/" + file.relative_to(site).as_posix()] = file
    for notebook in (NOTEBOOKS / language).glob("*.ipynb"):
        entries["notebooks/" + notebook.name] = notebook
    return write_zip(zip_path, {f"dlnotes-{language}/{name}": entries[name] for name in sorted(entries)})


def make(languages: list[str], dist: Path) -> Iterator[Path]:
    """Each language's zip in ``dist``, from one build of the site."""
    with tempfile.TemporaryDirectory() as work:
        build_site(Path(work) / "site")
        wheel = build_wheel(Path(work) / "wheel")
        for language in languages:
            yield package(Path(work) / "site", language, wheel, dist / f"dlnotes-offline-{language}.zip")


def main(argv: list[str] | None = None) -> int:
    return command(argv, "offline", __doc__, lambda languages, out: build_site(out), make)


if __name__ == "__main__":
    sys.exit(main())
