"""The site's settings, read from mkdocs.yml (the one source): languages, URLs, the notebooks' paths, the words; the
variants of the site (the offline copy, the PDF's print page: :func:`build_variant`, :func:`command`); and
zips that are the same bytes whenever their contents are (:func:`write_zip`).
"""

import argparse
import json
import logging
import os
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from pipeline.page import ROOT

PREFIXES = {"zh": "", "en": "en/"}  # language -> its folder in the built site (Chinese, the default, at the root)
NOTEBOOKS = ROOT / "notebooks"  # committed, without outputs: what Colab opens and the site serves for download
SITE_NOTEBOOKS = ROOT / "docs" / "notebooks"  # generated with their outputs for the site's notebook pages, git-ignored
DIST = ROOT / "dist"  # the offline zips and the PDFs
EPOCH = "315532800"  # 1980-01-01, the earliest date a zip entry can hold: the builds' SOURCE_DATE_EPOCH
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the same, as a zip entry's time
WORDS = json.loads((ROOT / "pipeline" / "words.json").read_text(encoding="utf-8"))
"""Every reader-facing string the machinery writes (buttons, provenance lines, notebook notes, the book's
title), per language: the one file a translator edits (the offline README: offline-README.<language>.txt)."""


def notebook_path(page: str, language: str) -> str:
    """A chapter's notebook, relative to the repository and to the built site: ``notebooks/en/spiral.ipynb``."""
    return f"notebooks/{language}/{page}.ipynb"


def notebook_page(page: str, language: str, end: str = "/") -> str:
    """The URL, from the site's root, of the page that shows a chapter's notebook: ``en/notebooks/spiral/``."""
    return f"{PREFIXES[language]}notebooks/{page}{end}"


def archive_path(language: str) -> str:
    """Where the site serves one language's notebooks as one zip."""
    return f"notebooks/dlnotes-notebooks-{language}.zip"


@dataclass(frozen=True)
class Settings:
    """What the notebooks and the links to the site need from mkdocs.yml."""

    repository: str  # owner/name on GitHub
    branch: str
    site_url: str  # ends with "/"
    chapters: tuple[str, ...]  # page names, e.g. "spiral"

    @property
    def path(self) -> str:
        """The site's path on its host (``/dlnotes/``): where absolute links start."""
        return urlparse(self.site_url).path

    def colab_url(self, page: str, language: str) -> str:
        return (f"https://colab.research.google.com/github/{self.repository}/blob/{self.branch}/"
                f"{notebook_path(page, language)}")

    def page_url(self, page: str, language: str, anchor: str = "") -> str:
        path = "" if page == "index" else f"{page}/"
        return f"{self.site_url}{PREFIXES[language]}{path}{anchor}"


def language(config) -> str:
    """The language a MkDocs build is for (the i18n plugin builds one language at a time)."""
    i18n = config.plugins.get("i18n")
    return (i18n.current_language or i18n.default_language) if i18n else "zh"


def load_config() -> dict:
    """mkdocs.yml as plain data: mkdocs' own tags (``!ENV``, ``!!python/...``) read as ``None``."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def settings(config: dict | None = None) -> Settings:
    """The settings in mkdocs.yml (or an already loaded config, mkdocs' own included): ``extra.notebooks`` names
    where Colab finds the notebooks (``repository`` at ``branch``) and the nav ``section`` of the chapters."""
    config = load_config() if config is None else config
    options = (config.get("extra") or {}).get("notebooks") or {}
    missing = [key for key in ("repository", "branch", "section") if not options.get(key)]
    if missing:
        raise ValueError(f"mkdocs.yml: extra.notebooks needs {', '.join(missing)}")
    chapters = tuple(Path(item if isinstance(item, str) else next(iter(item.values()))).stem
                     for entry in config.get("nav") or [] if isinstance(entry, dict)
                     for item in entry.get(options["section"], []))
    if not chapters:
        raise ValueError(f"mkdocs.yml: no nav section named {options['section']!r} with pages in it")
    site_url = str(config.get("site_url") or "/")
    return Settings(options["repository"], options["branch"], site_url.rstrip("/") + "/", chapters)


def write_zip(path: Path, entries: dict[str, bytes | Path]) -> Path:
    """Write ``entries`` (name in the zip -> bytes, or a file to read), in their order, fixed times and modes,
    to ``path``, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o644 << 16
            archive.writestr(info, data if isinstance(data, bytes) else data.read_bytes())
    partial.replace(path)
    return path


def build_variant(out: Path, switch: str, change: Callable | None = None, **overrides) -> None:
    """Build a variant of the site into ``out`` (strict; it reads the store: call ``notebooks.prepare()`` first):
    ``switch``, the variable that mkdocs.yml's ``!ENV`` reads, turned on; ``overrides`` to mkdocs' config as
    it loads; then ``change(config)``."""
    os.environ[switch] = "true"
    os.environ.setdefault("SOURCE_DATE_EPOCH", EPOCH)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as mkdocs_config

    logging.basicConfig(format="%(levelname)s - %(message)s", level=logging.WARNING)  # as mkdocs' CLI shows them
    os.chdir(ROOT)  # mkdocs.yml names some files relative to the working directory
    config = mkdocs_config(str(ROOT / "mkdocs.yml"), site_dir=str(out), **overrides)
    if change is not None:
        change(config)
    build(config)


def command(argv: list[str] | None, name: str, doc: str, build_site: Callable[[list[str], Path], None],
            make: Callable[[list[str], Path], Iterator[Path]]) -> int:
    """``python3 dev.py <name> [zh|en ...] [--dist DIR]``: the files of ``make(languages, dist)`` (default: both
    languages, into dist/); with ``--site DIR``, only ``build_site(languages, DIR)``. A warning fails the build."""
    parser = argparse.ArgumentParser(prog=f"python3 dev.py {name}", description=doc.splitlines()[0])
    parser.add_argument("languages", nargs="*", metavar="{zh,en}", help="default: both")
    parser.add_argument("--site", type=Path, help="only build the site, into this folder")
    parser.add_argument("--dist", type=Path, default=DIST, help="where the files go (default: dist/)")
    args = parser.parse_args(argv)
    if unknown := set(args.languages) - set(PREFIXES):
        parser.error(f"unknown language(s) {sorted(unknown)}: choose from {list(PREFIXES)}")
    languages = args.languages or list(PREFIXES)
    from mkdocs.exceptions import Abort

    try:
        if args.site:
            build_site(languages, args.site.resolve())
        else:
            for path in make(languages, args.dist.resolve()):
                print(f"{path}: {path.stat().st_size / 1e6:.1f} MB")
    except Abort as error:  # strict: the warnings above made the build fail
        print(f"the {name} build failed: {error}", file=sys.stderr)
        return 1
    return 0
