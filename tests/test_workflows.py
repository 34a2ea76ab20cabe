"""The GitHub workflows and the CI scripts they run: checked here, since GitHub cannot be reached."""

from __future__ import annotations

import re

import yaml

from pipeline.page import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def _dev_commands(script: str) -> list[str]:
    """The ``python3 dev.py <command>`` lines of a CI script, without their extra arguments."""
    text = (ROOT / ".ci" / script).read_text(encoding="utf-8")
    return re.findall(r"^python3 dev\.py (\w+)", text, flags=re.MULTILINE)


def test_the_weekly_watch_runs_what_ci_runs_unpinned() -> None:
    flow = yaml.load((WORKFLOWS / "latest.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert flow["on"]["schedule"][0]["cron"].split()[2:] == ["*", "*", "1"], "weekly"
    steps = [step.get("run", "") for step in flow["jobs"]["latest"]["steps"]]
    assert "bash .ci/latest" in steps
    assert _dev_commands("latest") == ["test", "notebooks"]
    assert set(_dev_commands("latest")) <= set(_dev_commands("run"))
    latest = (ROOT / ".ci" / "latest").read_text(encoding="utf-8")
    assert "DLNOTES_UNPINNED=1" in latest and "download.pytorch.org/whl/cpu" in latest


def test_the_weekly_watch_reports_with_least_privilege() -> None:
    flow = yaml.load((WORKFLOWS / "latest.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert flow["permissions"] == {"contents": "read"}
    report = flow["jobs"]["report"]
    assert report["if"] == "failure()" and report["permissions"] == {"issues": "write"}
    script = report["steps"][0]["run"]
    assert "gh issue list --state open" in script and "gh issue comment" in script and "gh issue create" in script


def test_dev_py_installs_unpinned_only_when_asked(monkeypatch, tmp_path) -> None:
    import dev

    calls = []
    monkeypatch.setattr(dev, "run", lambda *args: calls.append([str(a) for a in args]))
    monkeypatch.setattr(dev, "_has_torch", lambda: True)
    monkeypatch.setattr(dev, "PYTHON", tmp_path / "python")
    (tmp_path / "python").write_text("")
    monkeypatch.setattr(dev, "STAMP", tmp_path / "stamp")
    for unpinned in ("", "1"):
        monkeypatch.setenv(dev.UNPINNED, unpinned)
        dev.setup()
    pinned, newest = calls
    assert "-c" in pinned and str(dev.CONSTRAINTS) in pinned
    assert "-c" not in newest and newest[-1] == ".[docs,test]"
