"""Tools the tests need from outside Python's packages (a browser) or from the test extra (linters).

Locally a missing tool skips its tests, with the command that installs it; under CI
(``$CI`` set, as GitHub Actions and .ci/run set it) it fails the run: nothing
that CI is meant to check may pass by being skipped.
"""

from __future__ import annotations

import os
import shutil

import pytest

from pipeline.page import ROOT


def require(*names: str, install: str) -> str:
    """The path of the first of ``names`` found (the project's .venv/bin first), else skip or fail."""
    for name in names:
        found = shutil.which(name, path=str(ROOT / ".venv" / "bin")) or shutil.which(name)
        if found:
            return found
    message = f"{names[0]} is not installed ({install})"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {message}", pytrace=False)
    pytest.skip(message, allow_module_level=True)
