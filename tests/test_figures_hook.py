"""hooks/figures.py: a figure comes from its snippet's `fig`, or the build fails clearly."""

from __future__ import annotations

import importlib.util

import pytest
from mkdocs.exceptions import PluginError

from tests.docexec import ROOT

spec = importlib.util.spec_from_file_location("figures_hook", ROOT / "hooks" / "figures.py")
figures = importlib.util.module_from_spec(spec)
spec.loader.exec_module(figures)


def _snippet(root, text: str) -> None:
    (root / "snippets").mkdir()
    (root / "snippets" / "f.py").write_text(text, encoding="utf-8")


def test_draws_the_snippets_figure(tmp_path) -> None:
    source = "from matplotlib.figure import Figure\nfig = Figure()\nfig.subplots().plot([0, 1])\nprint('x')\n"
    _snippet(tmp_path, source)
    out = tmp_path / "out" / "f.svg"
    figures.draw(tmp_path, "f", out)
    assert "<svg" in out.read_text(encoding="utf-8")


def test_a_snippet_without_fig_fails_the_build(tmp_path) -> None:
    _snippet(tmp_path, "x = 1\n")
    with pytest.raises(PluginError, match="must leave a matplotlib Figure in `fig`"):
        figures.draw(tmp_path, "f", tmp_path / "f.svg")


def test_same_inputs_same_svg(tmp_path) -> None:
    _snippet(tmp_path, "from matplotlib.figure import Figure\nfig = Figure()\nfig.subplots().plot([0, 1])\n")
    figures.draw(tmp_path, "f", tmp_path / "a.svg")
    figures.draw(tmp_path, "f", tmp_path / "b.svg")
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()
