"""Lint and spelling, with the settings in pyproject.toml: the same commands as pre-commit.

actionlint and zizmor check the GitHub automation (.github/), which cannot run here: the
workflows' syntax, expressions and actions' runtimes; pinning, permissions, credentials and
injection. zizmor runs offline, its default persona; a finding it is right about is fixed, and
one that is not is silenced on its line with ``# zizmor: ignore[<audit>]`` and the reason.
"""

import re
import subprocess

import pytest

from pipeline.page import ROOT
from tests.test_workflows import WORKFLOWS
from tests.tools import require


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "--output-format", "concise", "."],
        ["codespell"],
        ["actionlint", "-no-color"],  # finds .github/workflows/ itself
        ["zizmor", "--offline", ".github/"],  # the workflows and dependabot.yml
    ],
    ids=["ruff", "codespell", "actionlint", "zizmor"],
)
def test_tree_is_clean(command: list[str]) -> None:
    tool = require(command[0], install="pip install -e .[test]")
    result = subprocess.run([tool, *command[1:]], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pinned_actions_as_actionlint_knows_them() -> None:
    """actionlint checks an action's inputs and its runtime (node20's removal) only at a release
    tag: each workflow again, every commit pin replaced by the major release in its comment."""
    tool = require("actionlint", install="pip install -e .[test]")
    for path in sorted(WORKFLOWS.glob("*.yml")):
        # `uses: actions/checkout@<sha> # v7.0.1` -> `uses: actions/checkout@v7` (test_workflows.py checks the form)
        text = re.sub(r"@[0-9a-f]{40} +# (v\d+)\S*", r"@\1", path.read_text(encoding="utf-8"))
        result = subprocess.run(
            [tool, "-no-color", "-stdin-filename", path.relative_to(ROOT).as_posix(), "-"],
            cwd=ROOT, input=text, capture_output=True, text=True, timeout=60,
        )
        assert result.returncode == 0, result.stdout + result.stderr
