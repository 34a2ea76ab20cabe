"""Lint and spelling, with the settings in pyproject.toml: the same commands as pre-commit."""

from __future__ import annotations

import subprocess

import pytest

from pipeline.page import ROOT
from tests.tools import require


@pytest.mark.parametrize(
    "command",
    [["ruff", "check", "--output-format", "concise", "."], ["codespell"]],
    ids=["ruff", "codespell"],
)
def test_tree_is_clean(command: list[str]) -> None:
    tool = require(command[0], install="pip install -e .[test]")
    result = subprocess.run([tool, *command[1:]], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
