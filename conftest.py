"""pytest set-up for dlnotes.

* ``--device`` (or ``$DLNOTES_DEVICE``) picks where every example runs: cpu by
  default, cuda when asked. Asking for a device this machine lacks stops the run
  at once with the reason, instead of failing deep inside a test.
* sybil collects every runnable snippet of ``docs/*.md`` (``pipeline/examples.py``:
  each runs once, in its own process per page, and is stored; see the contributor
  guide) and every ``>>>`` example in the docstrings of ``dlnotes/``.
* The tests run on every core (pytest-xdist, ``-n auto --dist loadfile`` in
  pyproject.toml): each file's tests on one worker (a module's doctests share a
  namespace); the two workers share the result store (a lock per chapter) and
  one built site (tests/conftest.py).
"""

from __future__ import annotations

import collections
import json
import os

from pipeline import outputs, reference

# Before torch or NumPy is imported: the test workers (new interpreters, started after
# this) run the docstring examples on the reference platform too (pipeline/reference.py).
os.environ.update(reference.pins())

import pytest  # noqa: E402
import torch  # noqa: E402
from sybil import Sybil

from dlnotes import DEVICE_ENV_VAR, get_device, set_seed
from pipeline import examples
from pipeline.examples import PageSnippets, docstring_parser
from pipeline.page import ROOT

pytest_plugins = ["tests.browser"]  # the browser fixtures (chromium is only started by the tests that use it)

DOC_SEED = 0
"""Every module's doctests start from this seed."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--device",
        default=None,
        help=f"device for every example: cpu, cuda, cuda:N or auto (sets ${DEVICE_ENV_VAR}; "
        "default: its current value, else cpu)",
    )
    parser.addoption(
        "--outputs",
        choices=outputs.MODES,
        default=None,
        help=f"how printed outputs are compared with #> lines: exact, tolerant (floats within the stated "
        f"tolerance) or auto: exact on the reference platform, tolerant elsewhere (sets ${outputs.MODE_ENV}; "
        "default: its current value, else auto)",
    )


def pytest_configure(config: pytest.Config) -> None:
    name = config.getoption("--device")
    if name:
        os.environ[DEVICE_ENV_VAR] = name  # the workers and the snippet processes inherit it
    if config.getoption("--outputs"):
        os.environ[outputs.MODE_ENV] = config.getoption("--outputs")
    try:
        get_device()
        outputs.mode({})
        reference.check()
    except (TypeError, ValueError, RuntimeError) as error:
        raise pytest.UsageError(f"cannot run the dlnotes tests here: {error}") from None
    reference.pin()  # the threads and deterministic algorithms of the reference, as in the snippets' processes


BROWSER_FIXTURES = frozenset({"tab", "browser", "origin"})
"""A test that asks for one of these reads pages in chromium (tests/browser.py)."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Order the work by what each test declares, so that the two workers are rarely idle.

    pytest-xdist hands out whole files (``--dist loadfile``), in this order because
    pyproject.toml passes --no-loadscope-reorder; a file's place is that of its first test.

    1. the first file whose first test asks for the ``site`` fixture without a browser: one
       worker builds the site (running what the store lacks, a chapter per core) while the
       other runs the pages' examples (a lock per chapter: each runs once; the chapters
       with the most examples first, here and in the build);
    2. the files marked ``processes`` (they start interpreters or a kernel), then the rest
       that need no site, while the site is built;
    3. the files that need the site, those in a browser last (the longest units of work,
       the one with the most pages first), on both workers at once.
    """
    examples = collections.Counter(item.path for item in items)
    fixtures = {item.path: set(getattr(item, "fixturenames", ())) for item in reversed(items)}  # each file's first
    builder = next((path for path, names in fixtures.items() if "site" in names and not names & BROWSER_FIXTURES
                    and path.suffix == ".py"), None)

    def order(item: pytest.Item) -> tuple[int, int]:
        names = set(getattr(item, "fixturenames", ()))
        if item.path == builder:
            return 0, 0
        if item.path.suffix == ".md":  # the pages' examples, the longest chapters first
            return 1, -examples[item.path]
        if "site" in names:
            return (5, -examples[item.path]) if names & BROWSER_FIXTURES else (4, 0)
        return (2 if item.get_closest_marker("processes") else 3), 0

    items.sort(key=order)  # stable: the order within each part stays as collected


def pytest_report_header(config: pytest.Config) -> str:
    device = get_device()
    cuda = f", {torch.cuda.get_device_name(device)}" if device.type == "cuda" else ""
    return f"dlnotes: device {device}{cuda}, torch {torch.__version__}"


OUTPUT = "dlnotes-output"
"""The name under which a test report carries its output comparisons to the session (from any worker)."""
ARTIFACT = ROOT / ".cache" / "artifacts" / "outputs.json"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport:
    report = yield
    if call.when == "call":  # the comparisons this test made, where the session can read them
        report.user_properties += [(OUTPUT, [where, mode, platform, vars(comparison)])
                                   for where, (mode, platform, comparison) in examples.drain().items()]
    return report


_SESSION_COMPARED: list = []
"""[where, mode, platform, comparison] of every output compared in the session, gathered from the reports."""


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _SESSION_COMPARED.extend(value for name, value in report.user_properties if name == OUTPUT)


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """Say what the outputs were compared with: the platform, the mode, the counts, every number that moved."""
    if not _SESSION_COMPARED or hasattr(config, "workerinput"):
        return
    summary = outputs.summary(_SESSION_COMPARED)
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8")
    terminalreporter.write_sep("-", "dlnotes: outputs compared")
    for line in outputs.summary_lines(summary):
        terminalreporter.write_line(line)


def _seed_namespace(namespace: dict) -> None:
    set_seed(DOC_SEED)


markdown = Sybil(parsers=[PageSnippets()], path="docs", patterns=["*.md"], excludes=["*.en.md"], name="docs")
"""The Chinese pages' snippets. An English page's code and ``#>`` lines are the same, character for character
(the parity check, tests/test_translations.py): its examples would read the same records and prove nothing more."""
docstrings = Sybil(
    parsers=[docstring_parser()],
    path="dlnotes",
    patterns=["*.py"],
    setup=_seed_namespace,
    name="docstrings",
)

pytest_collect_file = (markdown + docstrings).pytest()
