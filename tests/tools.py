"""Tools the tests need from outside Python's packages (a browser) or from the test extra (linters),
and small pages written for a test.

Locally a missing tool skips its tests, with the command that installs it; under CI
(``$CI`` set, as GitHub Actions and .ci/run set it) it fails the run: nothing
that CI is meant to check may pass by being skipped.
"""

import os
import shutil
import textwrap
from pathlib import Path

import pytest

from pipeline.page import ROOT, Page, parse


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


def page_with(folder: Path, *blocks: str, name: str = "page.md") -> Page:
    """A page in ``folder`` whose runnable snippets are ``blocks`` (Python, ``#>`` lines included), parsed."""
    path = folder / name
    path.write_text("\n".join(f"```python\n{textwrap.dedent(b).strip()}\n```\n" for b in blocks), encoding="utf-8")
    return parse(path)
