"""Fixtures shared by the tests in tests/ (the sybil set-up is in the root conftest.py)."""

from pathlib import Path

import pytest

from pipeline.notebooks import prepare
from tests.memo import built_once


@pytest.fixture(scope="session")
def site() -> Path:
    """The site built with ``mkdocs build --strict`` (shared by the workers, reused while its inputs are
    unchanged); every page's snippets run first, since the build only reads the store."""
    prepare()
    return built_once("strict", "index.html", ["mkdocs", "build", "--strict", "--site-dir"], "mkdocs build --strict")


@pytest.fixture(scope="session")
def device():
    """The device the suite runs on (--device or $DLNOTES_DEVICE; CPU by default)."""
    from dlnotes import get_device

    return get_device()
