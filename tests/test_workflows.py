"""The GitHub workflows and the CI scripts they run: checked here, since GitHub cannot be reached."""

import re
from pathlib import Path

import yaml

from pipeline.page import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
# A step's `uses: owner/repo[/path]@ref  # comment`, as written (yaml drops the comment).
USES = re.compile(r"^\s*(?:- )?uses: (?P<action>[^@\s]+)@(?P<ref>\S+)(?P<comment>.*)$", flags=re.MULTILINE)


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def _flows() -> dict[str, dict]:
    return {path.name: _load(path) for path in sorted(WORKFLOWS.glob("*.yml"))}


def _dev_commands(script: str) -> list[str]:
    """The ``python3 dev.py <command>`` lines of a CI script, without their extra arguments."""
    text = (ROOT / ".ci" / script).read_text(encoding="utf-8")
    return re.findall(r"^python3 dev\.py (\w+)", text, flags=re.MULTILINE)


def test_the_weekly_watch_runs_what_ci_runs_unpinned() -> None:
    flow = _flows()["latest.yml"]
    assert flow["on"]["schedule"][0]["cron"].split()[2:] == ["*", "*", "1"], "weekly"
    steps = [step.get("run", "") for step in flow["jobs"]["latest"]["steps"]]
    assert "bash .ci/latest" in steps
    assert _dev_commands("latest") == ["test", "kernels"]
    assert set(_dev_commands("latest")) <= set(_dev_commands("run"))
    latest = (ROOT / ".ci" / "latest").read_text(encoding="utf-8")
    assert "DLNOTES_UNPINNED=1" in latest and "download.pytorch.org/whl/cpu" in latest


def test_ci_and_the_hooks_type_only_dev_py() -> None:
    """One command surface: the scripts, the workflows and pre-commit call dev.py, never a pipeline module."""
    scripts = [*(ROOT / ".ci").iterdir(), *(ROOT / ".github" / "workflows").glob("*.yml"),
               ROOT / ".pre-commit-config.yaml"]
    direct = [f"{path.relative_to(ROOT)}: {line.strip()}" for path in scripts
              for line in path.read_text(encoding="utf-8").splitlines() if "-m pipeline" in line]
    assert direct == [], "call python3 dev.py <command> instead"
    import dev

    used = {c for script in ("run", "pages", "latest", "robust") for c in _dev_commands(script)}
    assert used <= dev.COMMANDS.keys(), "every command CI types is one dev.py knows"


def test_the_weekly_watch_reports_with_least_privilege() -> None:
    flow = _flows()["latest.yml"]
    assert flow["jobs"]["latest"]["permissions"] == {"contents": "read"}
    report = flow["jobs"]["report"]
    assert report["if"] == "failure()" and report["permissions"] == {"issues": "write"}
    script = report["steps"][0]["run"]
    assert "gh issue list --state open" in script and "gh issue comment" in script and "gh issue create" in script


def test_every_action_is_pinned_to_a_commit_with_its_release() -> None:
    """Pinned to a full commit SHA, the release in the comment, one pin per action repository."""
    pins: dict[str, set[tuple[str, str]]] = {}
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for uses in USES.finditer(path.read_text(encoding="utf-8")):
            assert re.fullmatch(r"[0-9a-f]{40}", uses["ref"]), f"{path.name}: {uses[0].strip()} is not pinned"
            assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", uses["comment"]), f"{path.name}: {uses[0].strip()}: # vX.Y.Z"
            repo = "/".join(uses["action"].split("/")[:2])
            pins.setdefault(repo, set()).add((uses["ref"], uses["comment"].strip()))
    assert "actions/checkout" in pins and all(len(pin) == 1 for pin in pins.values()), pins


def test_every_job_asks_for_its_own_permissions_and_no_checkout_keeps_the_token() -> None:
    for name, flow in _flows().items():
        assert flow["permissions"] == {}, f"{name}: permissions: {{}} at the top, then per job"
        for job_name, job in flow["jobs"].items():
            assert "permissions" in job, f"{name}: job {job_name} has no permissions:"
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] == "false", f"{name}: {job_name}"


def test_pages_publishes_what_the_tests_checked() -> None:
    flows = _flows()
    tests, pages = flows["tests.yml"]["jobs"]["test"], flows["pages.yml"]
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": "false"}
    assert build["permissions"] == tests["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"} and deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    # the same container, system packages and full history as the tests, then .ci/pages: .ci/run first
    assert build["container"] == tests["container"] and build["steps"][:2] == tests["steps"][:2]
    assert build["steps"][1]["with"]["fetch-depth"] == "0"
    assert "bash .ci/pages" in [step.get("run") for step in build["steps"]]
    script = (ROOT / ".ci" / "pages").read_text(encoding="utf-8").splitlines()
    assert script.index("bash .ci/run") < script.index("python3 dev.py build")
    assert _dev_commands("pages") == ["build", "offline", "pdf"]
    uploads = [step["with"]["path"] for step in build["steps"] if "upload-pages-artifact" in step.get("uses", "")]
    assert uploads == ["site/"]


def test_dependabot_keeps_the_actions_and_the_constraints_current() -> None:
    updates = {u["package-ecosystem"]: u for u in _load(ROOT / ".github" / "dependabot.yml")["updates"]}
    assert set(updates) == {"github-actions", "pip"}
    assert all(u["schedule"]["interval"] == "weekly" for u in updates.values())
    assert (ROOT / updates["pip"]["directory"].strip("/") / "constraints.txt").is_file()


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


def test_the_robustness_job_runs_the_suite_off_the_reference_and_tolerant() -> None:
    """Beside the reference run, the suite as another machine runs it (docs/contributing.en.md#reference)."""
    jobs = _flows()["tests.yml"]["jobs"]
    robust = jobs["robustness"]
    assert robust["container"] == jobs["test"]["container"] and robust["permissions"] == {"contents": "read"}
    assert "bash .ci/robust" in [step.get("run") for step in robust["steps"]]
    script = (ROOT / ".ci" / "robust").read_text(encoding="utf-8")
    assert _dev_commands("robust") == ["test"] and "--outputs tolerant" in script
    assert "export DLNOTES_THREADS=2" in script
    for pin in ("ATEN_CPU_CAPABILITY", "OPENBLAS_CORETYPE", "MKL_CBWR"):  # each set to other kernels, both ways
        assert len(re.findall(rf"\b{pin}=(?!avx2\b|AVX2\b|Haswell\b)\w+", script)) == 2, pin
    assert "--outputs" not in (ROOT / ".ci" / "run").read_text(encoding="utf-8"), "the reference run picks its mode"
