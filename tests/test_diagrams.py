"""dlnotes.diagrams: each diagram is built, shows what it claims, renders the same every time, and rejects bad input.

In the repository this file is tests/test_diagrams.py and imports ``from dlnotes import diagrams``.
"""

import io
import re
import warnings

import matplotlib
import pytest
from matplotlib.figure import Figure

from dlnotes import diagrams
from dlnotes.diagrams import (
    draw_autoencoder,
    draw_backprop_graph,
    draw_dbn_training,
    draw_neuron,
    draw_rbm,
    find_parts,
)

matplotlib.use("Agg")

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
HAS_CJK_FONT = len(diagrams._family()) > 2  # DejaVu Sans, the CJK font, sans-serif


def _render(fig: Figure, format: str) -> bytes:
    """``fig`` saved as the site's runner saves it (pipeline/runner.py), any warning an error.

    Without a CJK font matplotlib warns that the Chinese glyphs are missing: that
    one warning is expected then, and allowed.
    """
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        if not HAS_CJK_FONT:
            warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
        with matplotlib.rc_context({"svg.hashsalt": "dlnotes", "svg.fonttype": "none"}):
            fig.savefig(buffer, format=format, dpi=100 if format == "png" else 150,
                        metadata={"Date": None} if format == "svg" else {"Software": None})
    return buffer.getvalue()


def _texts(fig) -> list[str]:
    """The texts of a figure, or of one of its axes."""
    return [t.get_text() for ax in (fig.axes if isinstance(fig, Figure) else [fig]) for t in ax.texts]


def _count(fig, kind: str) -> int:
    return len(find_parts(fig, kind))


ALL = {
    "neuron": draw_neuron,
    "backprop_graph": draw_backprop_graph,
    "autoencoder": draw_autoencoder,
    "rbm": draw_rbm,
    "dbn_training": draw_dbn_training,
}


@pytest.mark.parametrize("name", ALL)
def test_every_diagram_renders_the_same_every_time_and_touches_no_global_state(name) -> None:
    rc = dict(matplotlib.rcParams)
    import matplotlib.pyplot as plt

    figures_before = plt.get_fignums()
    first, second = ALL[name](), ALL[name]()
    assert isinstance(first, Figure)
    svg, png = _render(first, "svg"), _render(first, "png")
    assert svg == _render(second, "svg") and png == _render(second, "png")
    assert svg.lstrip().startswith(b"<?xml") and png.startswith(b"\x89PNG")
    text = svg.decode("utf-8")
    assert "输入" in text or "隐藏层" in text or "第 1 步" in text  # Chinese kept as text in the SVG
    assert dict(matplotlib.rcParams) == rc and plt.get_fignums() == figures_before
    width, height = first.get_size_inches()
    assert 6 <= width <= 9 and 3 <= height <= 5.5  # fits the 700 px column at a readable scale


@pytest.mark.parametrize("name", ALL)
def test_chinese_is_never_inside_mathtext_and_no_text_starts_with_a_space(name) -> None:
    # Mathtext has no CJK glyphs, and an SVG viewer drops a text's leading spaces.
    for text in _texts(ALL[name]()):
        assert not (CJK.search(text) and "$" in text), text
        assert not text.startswith(" "), text


def test_without_a_cjk_font_the_svg_still_holds_the_chinese_as_text(monkeypatch) -> None:
    monkeypatch.setattr(diagrams, "_family", lambda: ("DejaVu Sans", "sans-serif"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # drawing does not warn: the site's runner would fail the snippet
        fig, buffer = draw_neuron(), io.BytesIO()
    with pytest.warns(UserWarning, match="missing from font"), matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg")
    assert "输入 inputs" in buffer.getvalue().decode("utf-8")  # the reader's browser finds a font for it


def test_a_line_mixing_maths_and_chinese_is_split_into_pieces_in_order() -> None:
    fig = draw_rbm()
    texts = _texts(fig)
    i = texts.index("偏置 bias")
    assert texts[i + 1] == "$c$"
    x = [t.get_position()[0] for ax in fig.axes for t in ax.texts]
    assert x[i] < x[i + 1]  # the maths follows the words


@pytest.mark.parametrize(
    "n_inputs, units, names",
    [(None, 3, ["$x_{1}$", "$x_{2}$", "$x_{n}$"]), (1, 1, ["$x_{1}$"]), (3, 3, ["$x_{3}$"]),
     (10, 4, ["$x_{1}$", "$x_{3}$", "$x_{10}$", "$w_{10}$", "⋮"])],
)
def test_a_neuron_has_one_unit_and_one_weight_per_input_drawn(n_inputs, units, names) -> None:
    fig = draw_neuron(n_inputs)
    counts = [_count(fig, kind) for kind in ("unit", "edge", "node", "forward")]
    assert counts == [units, units, 2, 3]
    texts = _texts(fig)
    assert set(names) <= set(texts)
    assert {"Σ", "$f$", r"$z = \sum_i w_i x_i + b$", "$y = f(z)$", "$b$"} <= set(texts)


def test_a_neuron_names_its_activation() -> None:
    assert r"$y = \sigma(z)$" in _texts(draw_neuron(2, activation=r"\sigma"))


def test_the_backprop_graph_has_the_chapters_nodes_and_gradients() -> None:
    fig = draw_backprop_graph()
    assert (_count(fig, "node"), _count(fig, "forward"), _count(fig, "backward")) == (8, 7, 5)
    texts = set(_texts(fig))
    forward = {r"$Z_1 = X W_1^\top + b_1$", r"$H = \sigma(Z_1)$", r"$Z_2 = H W_2^\top + b_2$", "$L$"}
    backward = {r"$\delta_2 = \partial L / \partial Z_2$", r"$= (P - Y)\,/\,n$", r"$= \delta_2 W_2$",
                r"$= \partial L/\partial H \odot H \odot (1 - H)$", r"$\partial L / \partial W_1 = \delta_1^\top X$",
                r"$\partial L / \partial W_2 = \delta_2^\top H$"}
    assert forward <= texts and backward <= texts
    # Forward arrows point right or down; backward ones left or up.
    for arrow in find_parts(fig, "forward"):
        (x0, y0), (x1, y1) = arrow._posA_posB
        assert x1 > x0 or y1 < y0
    for arrow in find_parts(fig, "backward"):
        (x0, y0), (x1, y1) = arrow._posA_posB
        assert x1 < x0 or y1 > y0


@pytest.mark.parametrize(
    "args, widths, edges",
    [((64, 2, [64, 32]), [64, 64, 32, 2, 32, 64, 64], 6 * 6 + 6 * 4 + 4 * 2 + 2 * 4 + 4 * 6 + 6 * 6),
     ((4, 2, []), [4, 2, 4], 4 * 2 + 2 * 4),
     ((784, 32, [256]), [784, 256, 32, 256, 784], 6 * 3 + 3 * 2 + 2 * 3 + 3 * 6)],
)
def test_an_autoencoder_shows_every_layers_width_and_its_edges(args, widths, edges) -> None:
    fig = draw_autoencoder(*args)
    assert [int(t.get_text()) for t in find_parts(fig, "size")] == widths
    assert _count(fig, "edge") == edges
    assert {"编码器 encoder", "$f$", "解码器 decoder", "$g$", "编码 code", "$z$", r"$\hat{x}$"} <= set(_texts(fig))


@pytest.mark.parametrize("n_visible, n_hidden, max_units, units", [(6, 4, 7, (6, 4)), (64, 100, 7, (7, 7)),
                                                                   (1, 1, 7, (1, 1)), (9, 3, 4, (4, 3))])
def test_an_rbm_joins_every_visible_unit_to_every_hidden_unit_only(n_visible, n_hidden, max_units, units) -> None:
    fig = draw_rbm(n_visible, n_hidden, max_units=max_units)
    assert _count(fig, "unit") == sum(units) and _count(fig, "edge") == units[0] * units[1]
    ys = {round(c.center[1], 6) for c in find_parts(fig, "unit")}
    assert len(ys) == 2  # two rows
    for line in find_parts(fig, "edge"):  # every edge goes from one row to the other
        y0, y1 = line.get_ydata()
        assert y0 < min(ys) + 1 and y1 > max(ys) - 1 and not hasattr(line, "arrowstyle")
    texts = set(_texts(fig))
    assert {"$v_{1}$", f"$v_{{{n_visible}}}$", f"$h_{{{n_hidden}}}$", "$b_{1}$", "$c_{1}$"} <= texts
    assert any(t.startswith("$W_{") for t in texts)


def test_the_rbm_labels_the_edge_v2_h3_with_w23() -> None:
    assert "$W_{23}$" in _texts(draw_rbm(6, 4))


def test_a_dbn_is_trained_in_three_steps_one_layer_more_each() -> None:
    fig = draw_dbn_training([64, 256, 256], n_classes=10)
    assert len(fig.axes) == 3
    widths = [[int(t.get_text()) for t in find_parts(ax, "size")] for ax in fig.axes]
    assert widths == [[64, 256], [64, 256, 256], [64, 256, 256, 10]]
    # max_units=4: 4 circles a layer, so 16 edges between two layers.
    assert [_count(ax, "edge") for ax in fig.axes] == [16, 32, 48]
    assert [(_count(ax, "forward"), _count(ax, "backward")) for ax in fig.axes] == [(0, 0), (0, 0), (1, 1)]
    texts = [_texts(ax) for ax in fig.axes]
    assert "RBM 1" in texts[0] and "RBM 2" in texts[1] and "RBM 1\n固定 fixed" in texts[1]
    assert "监督层\nsupervised" in texts[2]


def test_find_parts_rejects_what_it_cannot_read() -> None:
    with pytest.raises(TypeError, match="figure must be a matplotlib Figure or Axes, got str"):
        find_parts("fig", "unit")
    with pytest.raises(ValueError, match="kind must be one of 'unit', .* got 'units'"):
        find_parts(draw_rbm(), "units")


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: draw_neuron(0), ValueError, "n_inputs must be at least 1, got 0"),
        (lambda: draw_neuron(2.5), TypeError, "n_inputs must be an int, got float"),
        (lambda: draw_neuron(activation="$f$"), ValueError, "activation must be a name without '\\$'"),
        (lambda: draw_neuron(activation=""), ValueError, "activation must be a name without '\\$'"),
        (lambda: draw_neuron(activation=r"\frac{"), ValueError, "activation must be valid mathtext"),
        (lambda: draw_autoencoder(0), ValueError, "n_in must be at least 1, got 0"),
        (lambda: draw_autoencoder(64, 2.0), TypeError, "k must be an int, got float"),
        (lambda: draw_autoencoder(hidden="64"), TypeError, r"hidden must be a list of ints such as \[64, 32\]"),
        (lambda: draw_autoencoder(hidden=[64, 0]), ValueError, "every width in hidden must be at least 1, got 0"),
        (lambda: draw_autoencoder(max_units=1), ValueError, "max_units must be at least 2, got 1"),
        (lambda: draw_autoencoder(max_units=9), ValueError, "max_units must be at most 8"),
        (lambda: draw_rbm(True, 4), TypeError, "n_visible must be an int, got bool"),
        (lambda: draw_rbm(6, 0), ValueError, "n_hidden must be at least 1, got 0"),
        (lambda: draw_dbn_training([64, 256]), ValueError, "widths must hold 3 layer widths"),
        (lambda: draw_dbn_training(64), TypeError, "widths must be a list of ints such as \\[64, 32\\], got int"),
        (lambda: draw_dbn_training(n_classes=1), ValueError, "n_classes must be at least 2, got 1"),
        (lambda: draw_dbn_training(max_units="4"), TypeError, "max_units must be an int, got str"),
    ],
)
def test_bad_arguments_are_explained(call, error, message) -> None:
    with pytest.raises(error, match=message):
        call()
