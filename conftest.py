"""pytest set-up: ``--device`` and ``--outputs``, the order of the work, the outputs report, and sybil
(every runnable snippet of ``docs/*.md`` and every ``>>>`` example of ``dlnotes/``).

The tests run on every core (pytest-xdist, ``-n auto --dist loadfile``: a file's tests on
one worker); the workers share the result store and the built site.
"""

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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--device", help=f"device for every example: cpu, cuda, cuda:N or auto (sets "
                     f"${DEVICE_ENV_VAR}; default: its current value, else cpu)")
    parser.addoption("--outputs", choices=outputs.MODES, help=f"how outputs are compared with #> lines: exact, "
                     "tolerant (floats within the stated tolerance) or auto: exact on the reference platform, "
                     f"tolerant elsewhere (sets ${outputs.MODE_ENV}; default: its current value, else auto)")


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


BROWSER_FIXTURES = frozenset({"tab", "browser", "origin"})  # a test that asks for one reads pages in chromium


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Order the files (pytest-xdist hands out whole files, in this order) by what their tests declare.

    1. the first file that asks for the ``site`` fixture without a browser: one worker builds
       the site while the other runs the pages' examples (the chapters with most first);
    2. the files marked ``processes`` (they start interpreters), then the rest that need no site;
    3. the files that need the site, those in a browser last, the one with the most pages first.
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


OUTPUT = "dlnotes-output"  # a test report's property: its output comparisons, from any worker to the session
ARTIFACT = ROOT / ".cache" / "artifacts" / "outputs.json"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport:
    report = yield
    if call.when == "call":  # the comparisons this test made, where the session can read them
        report.user_properties += [(OUTPUT, [where, mode, platform, vars(comparison)])
                                   for where, (mode, platform, comparison) in examples.COMPARED.items()]
        examples.COMPARED.clear()
    return report


_SESSION_COMPARED: list = []  # [where, mode, platform, comparison] of every output compared in the session


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


# An English page's code and #> lines are the Chinese page's, character for character (the parity
# check): its examples would read the same records and prove nothing more.
markdown = Sybil(parsers=[PageSnippets()], path="docs", patterns=["*.md"], excludes=["*.en.md"], name="docs")
docstrings = Sybil(parsers=[docstring_parser()], path="dlnotes", patterns=["*.py"], name="docstrings",
                   setup=lambda namespace: set_seed(0))  # every module's doctests start from seed 0

pytest_collect_file = (markdown + docstrings).pytest()
