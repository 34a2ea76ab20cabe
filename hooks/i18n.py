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

3. Chinese words: the glossary's Chinese terms are added to jieba's dictionary,
   so that the search index keeps them whole (see `on_config`).

This leans on plugin internals (the i18n plugin's `current_language`,
`default_language`, `building` and `config.languages`): the versions are pinned in
requirements/constraints.txt and tests/test_site.py checks both effects.
"""

from __future__ import annotations

import json
import re
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


_CHINESE_TERM = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9-]+$")


def glossary_rows(docs_dir: Path) -> list[tuple[str, str]]:
    """(English, 中文) of each term of the glossary table (docs/glossary.md), in order."""
    rows = []
    for line in (Path(docs_dir) / "glossary.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) >= 3 and cells[0] != "English" and not set(cells[0]) <= set("-: "):
            rows.append((cells[0], cells[1]))
    return rows


def glossary_terms(docs_dir: Path) -> list[str]:
    """The Chinese terms of the glossary (second column; alternatives split at ；)."""
    return [term.strip() for _, chinese in glossary_rows(docs_dir) for term in re.split(r"[；;]", chinese)
            if _CHINESE_TERM.match(term.strip())]


@event_priority(100)  # before the plugins' own on_config
def on_config(config):
    # 3. Chinese search: jieba splits unknown compounds (自编码器 -> 自 / 编码器), and then the
    #    query 自编码器 finds nothing. Every glossary term is a word for it.
    try:
        import jieba
    except ImportError:  # search then indexes Chinese without segmentation
        pass
    else:
        for term in glossary_terms(config.docs_dir):
            jieba.add_word(term)
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
