"""The offline copy: one zip per language that works opened from the file system.

    python3 dev.py offline zh          # dist/dlnotes-offline-zh.zip
    python3 dev.py offline             # both languages
    python3 dev.py offline --site DIR  # only the offline build of the site, into DIR

The site is built once with Material's ``offline`` plugin (``DLNOTES_OFFLINE=true``:
links end in ``.html``, the search index is also written as a script, which
``file://`` can load) and the ``iframe-worker`` shim vendored in
docs/assets/iframe-worker/ (the plugin would load it from unpkg). hooks/i18n.py
splits the index per language after the plugin wrote its script, so each
language's ``search/search_index.js`` is written here again from its split index.

Each zip holds the whole site (both languages, so the language switch works;
the start page and README.txt are the zip's language), that language's
notebooks and a wheel of ``dlnotes``. Entries are sorted and dated 1980-01-01:
the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline import notebooks, zips
from pipeline.page import ROOT
from pipeline.site import DIST, EPOCH, NOTEBOOKS, PREFIXES, build_variant

SHIM = "assets/iframe-worker/shim.js"  # the plugin adds unpkg's copy unless a polyfill names iframe-worker

README = {
    "zh": """dlnotes 深度学习笔记 · 离线版
================================

使用说明
--------
1. 解压本压缩包（不要在压缩包里直接打开）。
2. 用浏览器打开 {start}：整个网站（含搜索、公式、图）无需联网即可浏览。
   页面右上角可切换到英文版。
3. notebooks/ 里是每一章的 Jupyter 笔记本（中文）。在本机运行它们需要先安装
   dlnotes 及其依赖（PyTorch、NumPy、Matplotlib），安装时需要联网：
       pip install {wheel}
   然后用 Jupyter 打开笔记本，例如：
       pip install notebook && jupyter notebook notebooks/
   笔记本第一格的 %pip 安装命令是为 Colab 准备的，本机已安装时可以跳过。

在线版：https://dlnotes.github.io/dlnotes/
""",
    "en": """dlnotes deep-learning notes · offline copy
==========================================

How to use
----------
1. Unzip this archive (do not open the pages from inside the zip).
2. Open {start} in a web browser: the whole site (search, maths and figures
   included) works without a network. The language switch at the top leads
   to the Chinese pages.
3. notebooks/ holds each chapter as a Jupyter notebook (English). To run them on
   this machine, install dlnotes and what it needs (PyTorch, NumPy, Matplotlib;
   this step needs a network):
       pip install {wheel}
   then open them in Jupyter, e.g.
       pip install notebook && jupyter notebook notebooks/
   The %pip cell at the top of each notebook is meant for Colab: skip it here.

Online: https://dlnotes.github.io/dlnotes/en/
""",
}


def build_site(out: Path) -> None:
    """Build the site for ``file://`` into ``out`` (strict: a warning fails)."""
    notebooks.prepare()  # the build reads the store
    build_variant(out, "DLNOTES_OFFLINE", lambda config: config.extra.update(
        polyfills=[*config.extra.get("polyfills", []), SHIM]))
    for root in PREFIXES.values():  # after hooks/i18n.py split the index
        index = out / root / "search" / "search_index.json"
        index.with_suffix(".js").write_text("var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8")


def build_wheel(into: Path) -> Path:
    """A wheel of dlnotes (no dependencies, built without the network)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(into), str(ROOT)],
        check=True, env=env, cwd=ROOT,
    )
    (wheel,) = into.glob("dlnotes-*.whl")
    return wheel


def start_page(language: str) -> str:
    """The zip's start page for ``language``, relative to the zip's root."""
    return f"site/{PREFIXES[language]}index.html"


def package(site: Path, language: str, wheel: Path, zip_path: Path) -> Path:
    """Write the offline zip of ``language``: site/, notebooks/, the wheel and README.txt."""
    entries: dict[str, bytes | Path] = {
        "README.txt": README[language].format(start=start_page(language), wheel=wheel.name).encode(),
        wheel.name: wheel,
    }
    for file in site.rglob("*"):
        if file.is_file():
            entries["site/" + file.relative_to(site).as_posix()] = file
    for notebook in (NOTEBOOKS / language).glob("*.ipynb"):
        entries["notebooks/" + notebook.name] = notebook
    return zips.write(zip_path, {f"dlnotes-{language}/{name}": entries[name] for name in sorted(entries)})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 dev.py offline", description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*", metavar="{zh,en}", help="default: both")
    parser.add_argument("--site", type=Path, help="only build the offline site into this folder")
    args = parser.parse_args(argv)
    if unknown := set(args.languages) - set(PREFIXES):
        parser.error(f"unknown language(s) {sorted(unknown)}: choose from {list(PREFIXES)}")
    from mkdocs.exceptions import Abort

    try:
        if args.site:
            build_site(args.site.resolve())
            return 0
        return _zips(args.languages or list(PREFIXES))
    except Abort as error:  # strict: the warnings above made the build fail
        print(f"the offline build failed: {error}", file=sys.stderr)
        return 1


def _zips(languages: list[str]) -> int:
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"
        build_site(site)
        wheel = build_wheel(Path(work) / "wheel")
        for language in languages:
            zip_path = package(site, language, wheel, DIST / f"dlnotes-offline-{language}.zip")
            print(f"{zip_path.relative_to(ROOT)}: {zip_path.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
