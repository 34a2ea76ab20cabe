"""Glue between mkdocs-static-i18n and the other plugins.

The i18n plugin builds the site once per language with the same config: Chinese
to the site root, then English to en/. Two things do not follow it on their own:

1. mkdocstrings reads its locale once, so the API reference's labels
   (Parameters / 参数 ...) would stay in one language. `on_config` runs before
   mkdocstrings' own `on_config` in each language's build and sets its locale.
2. The search index: the i18n plugin writes one index with both languages, so an
   English reader's query returns Chinese pages too. `on_post_build` runs after
   the i18n plugin has written that index and splits it: Chinese entries stay in
   search/search_index.json, English ones go to en/search/search_index.json.
   overrides/main.html points each English page's `base` (from which Material
   fetches the index and resolves result links) at en/, via `extra.i18n_root`.

(The glossary's Chinese terms reach jieba through the search plugin's own
`jieba_dict_user` option: see pipeline/glossary.py.)

This leans on plugin internals (the i18n plugin's `current_language`,
`default_language`, `building` and `config.languages`): the versions are pinned in
requirements/constraints.txt and tests/test_site.py checks both effects.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import event_priority


def _i18n(config):
    return config.plugins["i18n"]


def _language_roots(config) -> dict[str, str]:
    """Map each non-default language to its folder: {'en': 'en/'}."""
    return {
        language.locale: language.link.strip("/") + "/"
        for language in _i18n(config).config.languages
        if not language.default and language.build
    }


@event_priority(100)  # before the plugins' own on_config
def on_config(config):
    i18n = _i18n(config)
    language = i18n.current_language or i18n.default_language
    config.plugins["mkdocstrings"].config.locale = language
    config.extra["i18n_root"] = _language_roots(config).get(language, "")
    return config


@event_priority(-200)  # after the i18n plugin's on_post_build (-100)
def on_post_build(config):
    if _i18n(config).building:  # a nested per-language build: wait for the last
        return
    site = Path(config.site_dir)
    index_path = site / "search" / "search_index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    roots = _language_roots(config)
    default_docs = [
        doc for doc in index["docs"]
        if not any(doc["location"].startswith(root) for root in roots.values())
    ]
    for root in roots.values():
        docs = [
            {**doc, "location": doc["location"][len(root):]}
            for doc in index["docs"]
            if doc["location"].startswith(root)
        ]
        target = site / root / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({**index, "docs": docs}, ensure_ascii=False), encoding="utf-8")
    index_path.write_text(
        json.dumps({**index, "docs": default_docs}, ensure_ascii=False), encoding="utf-8"
    )
