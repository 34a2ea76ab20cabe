"""Page templates compiled once, not in every build (.cache/jinja/).

Jinja compiles Material's and mkdocstrings' templates in every build, once per
language. A bytecode cache keeps the compiled code; Jinja checks it against each
template's source (and its own version), so an edited or upgraded template is
compiled again.
"""

from __future__ import annotations

from jinja2 import FileSystemBytecodeCache

from pipeline.page import ROOT

CACHE = ROOT / ".cache" / "jinja"


def _cache() -> FileSystemBytecodeCache:
    CACHE.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(CACHE))


def on_files(files, config):
    """The API page's templates (mkdocstrings renders them while the pages' Markdown is converted)."""
    mkdocstrings = config.plugins.get("mkdocstrings")
    if mkdocstrings is not None:
        mkdocstrings.handlers.get_handler("python").env.bytecode_cache = _cache()
    return files


def on_env(env, config, files):
    """The theme's templates (rendered after this event)."""
    env.bytecode_cache = _cache()
    return env
