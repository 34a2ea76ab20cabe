"""The site's settings in one place: its languages and URLs, the notebooks' paths, mkdocs.yml as plain data.

mkdocs.yml is the one source: ``site_url``, the chapters (the pages of the nav
section named by ``extra.notebooks.section``) and where Colab finds the notebooks
(``extra.notebooks.repository`` at ``extra.notebooks.branch``, the one place that
names them). A variant of the site (the offline copy, the PDF's print page) is
built by :func:`build_variant`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from pipeline.page import ROOT

PREFIXES = {"zh": "", "en": "en/"}
"""Language -> its folder in the built site (Chinese, the default, at the root)."""
NOTEBOOKS = ROOT / "notebooks"  # committed, without outputs: what Colab opens and the site serves for download
SITE_NOTEBOOKS = ROOT / "docs" / "notebooks"  # generated with their outputs for the site's notebook pages, git-ignored
DIST = ROOT / "dist"  # the offline zips and the PDFs
EPOCH = "315532800"  # 1980-01-01, the earliest date a zip entry can hold: the builds' SOURCE_DATE_EPOCH


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

    def install_line(self) -> str:
        """The first cell's install command, on two lines that fit a page's code column."""
        package = f"dlnotes @ git+https://github.com/{self.repository}@{self.branch}"
        return f'%pip install -q "{package}" \\\n    scikit-learn'


def load_config() -> dict:
    """mkdocs.yml as plain data: mkdocs' own tags (``!ENV``, ``!!python/...``) read as ``None``."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def settings(config: dict | None = None) -> Settings:
    """Read the settings from mkdocs.yml (or from an already loaded config, mkdocs' own included)."""
    config = load_config() if config is None else config
    options = (config.get("extra") or {}).get("notebooks") or {}
    missing = [key for key in ("repository", "branch", "section") if not options.get(key)]
    if missing:
        raise ValueError(f"mkdocs.yml: extra.notebooks needs {', '.join(missing)}")
    chapters: list[str] = []
    for entry in config.get("nav") or []:
        if isinstance(entry, dict) and options["section"] in entry:
            for item in entry[options["section"]]:
                path = item if isinstance(item, str) else next(iter(item.values()))
                chapters.append(Path(path).stem)
    if not chapters:
        raise ValueError(f"mkdocs.yml: no nav section named {options['section']!r} with pages in it")
    site_url = str(config.get("site_url") or "/")
    return Settings(options["repository"], options["branch"], site_url.rstrip("/") + "/", tuple(chapters))


def build_variant(out: Path, switch: str, change: Callable | None = None, **overrides) -> None:
    """Build a variant of the site into ``out`` (strict): ``switch``, the variable that mkdocs.yml's ``!ENV``
    reads, turned on; ``overrides`` to mkdocs' config as it loads; then ``change(config)``.

    The build only reads the store: call :func:`pipeline.notebooks.prepare` first.
    """
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
