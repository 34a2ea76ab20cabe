"""Glue with mkdocs-static-i18n (a build per language: Chinese to the root, then English to en/), leaning on its
internals (pinned): each language's build gets mkdocstrings' locale (read once) for the API reference's labels, and
the one search index is split: English entries go to en/search/, where overrides/main.html points English pages.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # mkdocs loads hooks by path: find pipeline/

from mkdocs.plugins import event_priority

from pipeline import site


def _language_roots(config) -> dict[str, str]:
    """Each non-default language's folder: ``{"en": "en/"}``."""
    languages = config.plugins["i18n"].config.languages
    return {language.locale: language.link.strip("/") + "/" for language in languages
            if not language.default and language.build}


@event_priority(100)  # before the plugins' own on_config
def on_config(config):
    language = site.language(config)
    config.plugins["mkdocstrings"].config.locale = language
    config.extra["i18n_root"] = _language_roots(config).get(language, "")
    return config


@event_priority(-200)  # after the i18n plugin's on_post_build (-100)
def on_post_build(config):
    if config.plugins["i18n"].building:  # a nested per-language build: wait for the last
        return
    site = Path(config.site_dir)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    roots = list(_language_roots(config).values())
    split: dict[str, list] = {root: [] for root in ["", *roots]}
    for doc in index["docs"]:
        root = next((root for root in roots if doc["location"].startswith(root)), "")
        split[root].append({**doc, "location": doc["location"][len(root):]})
    for root, docs in split.items():
        target = site / root / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({**index, "docs": docs}, ensure_ascii=False), encoding="utf-8")
