"""Lint and spelling, with the settings in pyproject.toml: the same commands as pre-commit."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.docexec import ROOT


@pytest.mark.parametrize(
    "command",
    [["ruff", "check", "--output-format", "concise", "."], ["codespell"]],
    ids=["ruff", "codespell"],
)
def test_tree_is_clean(command: list[str]) -> None:
    tool = shutil.which(command[0], path=str(ROOT / ".venv" / "bin")) or shutil.which(command[0])
    if tool is None:
        pytest.skip(f"{command[0]} is not installed (pip install -e .[test])")
    result = subprocess.run([tool, *command[1:]], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr

