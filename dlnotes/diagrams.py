"""Diagrams of ideas: a neuron, a computational graph, an autoencoder, an RBM, a DBN.

Each function returns a ``matplotlib.figure.Figure`` built without pyplot, so it
works headless and leaves no global state; like the figures of
[dlnotes.plot][dlnotes.plot] they are dark ink on white, and they draw the same
picture on every call. Labels are bilingual ("输入 input"): one snippet, and so
one figure, serves both languages of a page.

The Chinese labels need a CJK font: the first of ``CJK_FONTS`` that is installed
(Debian: ``apt install fonts-noto-cjk``). The site's SVG keeps text as text, so
the reader's browser draws it with its own fonts; on a machine without a CJK font
matplotlib still writes the SVG, but warns, and its PNG shows boxes instead of the
Chinese characters.

Every part of a diagram is labelled with its kind, so that a snippet can check
what a figure shows: ``find_parts(fig, "edge")`` lists its edges. The kinds are
``"unit"`` (a circle: one unit of a layer), ``"edge"`` (a weight joining two
units), ``"node"`` (a box or circle holding an operation or a value),
``"forward"`` (an arrow carrying values forward), ``"backward"`` (an arrow
carrying gradients back) and ``"size"`` (the text giving a layer's width).

Shown in the chapters "Neurons and activation functions" (docs/neurons.md),
"Gradients and backpropagation" (docs/backprop.md), "Autoencoders"
(docs/autoencoders.md), "Restricted Boltzmann machines" (docs/rbm.md) and "Deep
belief networks" (docs/dbn.md).
"""

import math
import re
import warnings
from collections.abc import Sequence
from functools import lru_cache

from matplotlib import font_manager
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
from matplotlib.textpath import text_to_path

from dlnotes._checks import check_count

__all__ = [
    "CJK_FONTS",
    "KINDS",
    "draw_autoencoder",
    "draw_backprop_graph",
    "draw_dbn_training",
    "draw_neuron",
    "draw_rbm",
    "find_parts",
]

CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
             "Microsoft YaHei", "SimHei", "PingFang SC", "Hiragino Sans GB", "Heiti SC", "Noto Sans CJK JP")
"""Fonts for the Chinese labels, best first; the first one installed is used."""

KINDS = ("unit", "edge", "node", "forward", "backward", "size")
"""The kinds of parts a diagram is made of (see the module's docstring)."""

MAX_UNITS = 8
"""The most circles a layer is drawn with; wider layers get an ellipsis."""

INK, MUTED, LIGHT = "#222222", "#666666", "#bbbbbb"
BLUE, ORANGE, GREEN, RED = "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"  # as in dlnotes.plot.COLORS
SIZE = 11  # points; an 8-inch figure fills the 700 px text column, so 11 pt shows at about 13 px
Point = tuple[float, float]


@lru_cache(maxsize=1)
def _family() -> tuple[str, ...]:
    """DejaVu Sans (matplotlib's own font) for Latin text, then a CJK font if one is installed."""
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return ("DejaVu Sans", *[name for name in CJK_FONTS if name in installed][:1], "sans-serif")


# -- drawing helpers ----------------------------------------------------------


def _canvas(width: float, height: float, panels: int = 1) -> tuple[Figure, list[Axes]]:
    """A white figure of ``panels`` axes side by side, without frames; data units are inches."""
    fig = Figure(figsize=(width, height), facecolor="white")
    axes = []
    for i in range(panels):
        ax = fig.add_axes((i / panels, 0, 1 / panels, 1))
        ax.set(xlim=(0, width / panels), ylim=(0, height))
        ax.set_axis_off()
        axes.append(ax)
    return fig, axes


def _text(ax: Axes, x: float, y: float, s: str, size: float = SIZE, color: str = INK, ha: str = "center",
          kind: str = "", **kw) -> None:
    """Write ``s`` at ``(x, y)``, centred vertically; ``ha`` aligns it horizontally.

    Mathtext cannot draw Chinese, so a line that mixes ``$maths$`` with plain text
    is written as several texts side by side, each measured first.
    """
    style = {"fontsize": size, "color": color, "fontfamily": list(_family()), **kw}
    pieces = [p for p in re.split(r"(\$[^$]*\$)", s) if p]
    if len(pieces) <= 1:
        text = ax.text(x, y, s, ha=ha, va="center", **style)
        if kind:
            text.set_label(kind)
        return
    prop = FontProperties(family=list(_family()), size=size)
    with warnings.catch_warnings():  # without a CJK font: measured with placeholder glyphs, warned about when saved
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
        extents = [text_to_path.get_text_width_height_descent(p, prop, ismath=p.startswith("$")) for p in pieces]
    widths = [w / 72 for w, _, _ in extents]  # points to inches, the data unit
    ascent, descent = max(h - d for _, h, d in extents) / 72, max(d for _, _, d in extents) / 72
    left = x - {"left": 0.0, "center": 0.5, "right": 1.0}[ha] * sum(widths)
    for piece, width in zip(pieces, widths):
        # An SVG viewer drops a text's leading spaces: leave their room empty instead.
        lead = len(piece) - len(piece.lstrip(" "))
        shift = text_to_path.get_text_width_height_descent(" " * lead, prop, ismath=False)[0] / 72 if lead else 0
        ax.text(left + shift, y - (ascent - descent) / 2, piece.strip(" "), ha="left", va="baseline", **style)
        left += width


def _tint(color: str, amount: float = 0.18) -> tuple[float, float, float]:
    """``color`` mixed with white: an opaque pale fill."""
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return (1 - amount * (1 - r), 1 - amount * (1 - g), 1 - amount * (1 - b))


def _shown(n: int, max_units: int) -> list[int | None]:
    """The 1-based indices of the units to draw: all ``n``, or the first few, ``None`` (an ellipsis), the last."""
    return list(range(1, n + 1)) if n <= max_units else [*range(1, max_units), None, n]


def _layer(ax: Axes, center: Point, slots: Sequence[object], *, vertical: bool, gap: float, radius: float,
           color: str, labels: Sequence[str] = ()) -> list[Point]:
    """Draw a column (or row) of units centred at ``center``: a circle per slot, an ellipsis for ``None``.

    ``labels`` (mathtext, one per circle) are written inside the circles.
    Returns the circles' centres, top to bottom (or left to right).
    """
    centres = []
    for k, slot in enumerate(slots):
        offset = (k - (len(slots) - 1) / 2) * gap
        x, y = (center[0], center[1] - offset) if vertical else (center[0] + offset, center[1])
        if slot is None:
            _text(ax, x, y, "⋮" if vertical else "⋯", size=SIZE + 2, color=MUTED)
            continue
        circle = Circle((x, y), radius, facecolor=_tint(color), edgecolor=color, linewidth=1.5, zorder=3)
        circle.set_label("unit")
        ax.add_patch(circle)
        centres.append((x, y))
    for (x, y), label in zip(centres, labels):
        _text(ax, x, y, label, zorder=4)
    return centres


def _edge(ax: Axes, p: Point, q: Point, radius: float, color: str = LIGHT, width: float = 0.9) -> None:
    """An undirected edge: a line between the circles of radius ``radius`` around ``p`` and ``q``."""
    dx, dy = q[0] - p[0], q[1] - p[1]
    ux, uy = dx / math.hypot(dx, dy) * radius, dy / math.hypot(dx, dy) * radius
    (line,) = ax.plot([p[0] + ux, q[0] - ux], [p[1] + uy, q[1] - uy], color=color, linewidth=width, zorder=1)
    line.set_label("edge")


def _arrow(ax: Axes, p: Point, q: Point, kind: str, color: str = "", width: float = 1.6) -> None:
    """An arrow from ``p`` to ``q`` labelled ``kind``: solid blue, or dashed red for ``"backward"``."""
    arrow = FancyArrowPatch(p, q, arrowstyle="-|>", mutation_scale=13, linewidth=width, shrinkA=0, shrinkB=0,
                            color=color or (RED if kind == "backward" else BLUE),
                            linestyle="--" if kind == "backward" else "-", zorder=2)
    arrow.set_label(kind)
    ax.add_patch(arrow)


def _box(ax: Axes, center: Point, width: float, height: float, lines: Sequence[str],
         sizes: Sequence[float] = ()) -> None:
    """A rounded box (a ``"node"``) holding one or more lines of text, spread evenly."""
    x, y = center
    box = FancyBboxPatch((x - width / 2, y - height / 2), width, height, facecolor=_tint(INK, 0.12),
                         edgecolor=INK, linewidth=1.4, boxstyle="round,pad=0,rounding_size=0.08", zorder=2)
    box.set_label("node")
    ax.add_patch(box)
    step = height / (len(lines) + 1)
    for k, (line, size) in enumerate(zip(lines, sizes or [SIZE] * len(lines))):
        _text(ax, x, y + height / 2 - (k + 1) * step, line, size=size, zorder=4)


def _with_label(ax: Axes, p: Point, q: Point, label: str, color: str, at: float = 0.42, side: float = 0.0) -> None:
    """Write ``label`` on a white patch ``at`` of the way from ``p`` to ``q``, ``side`` inches to the left."""
    dx, dy = q[0] - p[0], q[1] - p[1]
    norm = math.hypot(dx, dy)
    _text(ax, p[0] + at * dx - side * dy / norm, p[1] + at * dy + side * dx / norm, label, color=color,
          zorder=5, bbox={"boxstyle": "round,pad=0.08", "facecolor": "white", "edgecolor": "none"})


def find_parts(figure: Figure | Axes, kind: str) -> list[Artist]:
    """List the parts of one ``kind`` in a diagram of this module, in the order they were drawn.

    Args:
        figure: a figure drawn by this module, or one of its axes (one panel).
        kind: one of ``KINDS``: ``"unit"``, ``"edge"``, ``"node"``, ``"forward"``,
            ``"backward"`` or ``"size"``.

    Returns:
        The artists (circles, lines, boxes, arrows, texts) labelled ``kind``.

    Examples:
        >>> fig = draw_rbm(6, 4)
        >>> len(find_parts(fig, "unit")), len(find_parts(fig, "edge"))
        (10, 24)
    """
    if isinstance(figure, Figure):
        axes = figure.axes
    elif isinstance(figure, Axes):
        axes = [figure]
    else:
        raise TypeError(f"figure must be a matplotlib Figure or Axes, got {type(figure).__name__}")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(map(repr, KINDS))}, got {kind!r}")
    return [artist for ax in axes for artist in ax.get_children() if artist.get_label() == kind]


def _check_max_units(max_units: object) -> None:
    check_count("max_units", max_units, low=2)
    if max_units > MAX_UNITS:
        raise ValueError(f"max_units must be at most {MAX_UNITS} (wider layers get an ellipsis), got {max_units}")


def _check_widths(name: str, widths: object) -> list[int]:
    if isinstance(widths, (str, bytes)) or not isinstance(widths, Sequence):
        raise TypeError(f"{name} must be a list of ints such as [64, 32], got {type(widths).__name__}")
    for width in widths:
        check_count(f"every width in {name}", width)
    return list(widths)


# -- a neuron -----------------------------------------------------------------


def draw_neuron(n_inputs: int | None = None, activation: str = "f") -> Figure:
    """Draw one neuron: inputs ``x_i`` with weights ``w_i``, bias ``b``, ``z = Σ w_i x_i + b``, ``y = f(z)``.

    Explained in "Neurons and activation functions" (docs/neurons.md), section
    "The neuron model".

    Args:
        n_inputs: the number of inputs, or ``None`` for the general ``x_1, x_2, …,
            x_n``. More than 4 inputs are drawn as the first three, an ellipsis
            and the last.
        activation: the activation's name in mathtext, without ``$``: ``"f"``,
            ``r"\\sigma"``, ``r"\\mathrm{step}"``.

    Returns:
        A figure with one ``"unit"`` and one ``"edge"`` (its weight ``w_i``) per
        input drawn, two ``"node"`` parts (the weighted sum and the activation)
        and three ``"forward"`` arrows (``b`` in, ``z`` on, ``y`` out).
    """
    if n_inputs is None:
        slots, names = [1, 2, None, "n"], ["1", "2", "n"]
    else:
        check_count("n_inputs", n_inputs)
        slots = _shown(n_inputs, 4)
        names = [str(i) for i in slots if i is not None]
    if not isinstance(activation, str) or not activation.strip() or "$" in activation:
        raise ValueError(f"activation must be a name without '$', such as 'f' or r'\\sigma', got {activation!r}")
    try:
        text_to_path.get_text_width_height_descent(f"${activation}$", FontProperties(size=SIZE), ismath=True)
    except ValueError as error:
        raise ValueError(f"activation must be valid mathtext, such as r'\\sigma', got {activation!r}") from error
    fig, (ax,) = _canvas(7.2, 3.7)
    y0, radius = 1.7, 0.25
    gap = min(0.72, 2.6 / max(1, len(slots) - 1))
    units = _layer(ax, (0.75, y0), slots, vertical=True, gap=gap, radius=radius, color=BLUE,
                   labels=[f"$x_{{{name}}}$" for name in names])
    _text(ax, 0.75, units[0][1] + radius + 0.25, "输入 inputs", size=SIZE - 1, color=MUTED)
    sx, sr = 3.3, 0.42  # the weighted sum: a circle
    for (x, y), name in zip(units, names):
        dx, dy = sx - x, y0 - y
        ux, uy = dx / math.hypot(dx, dy), dy / math.hypot(dx, dy)
        start, end = (x + ux * radius, y + uy * radius), (sx - ux * sr, y0 - uy * sr)
        _arrow(ax, start, end, "edge", color=INK, width=1.3)
        _with_label(ax, start, end, f"$w_{{{name}}}$", BLUE, side=0.16)
    circle = Circle((sx, y0), sr, facecolor=_tint(INK, 0.08), edgecolor=INK, linewidth=1.5, zorder=3)
    circle.set_label("node")
    ax.add_patch(circle)
    _text(ax, sx, y0, "Σ", size=SIZE + 9, zorder=4)
    _text(ax, sx, y0 - 0.72, "加权和 weighted sum", size=SIZE - 1, color=MUTED)
    _text(ax, sx, y0 - 1.1, r"$z = \sum_i w_i x_i + b$")
    _text(ax, sx, y0 + 1.6, "偏置 bias $b$", size=SIZE - 1, color=MUTED)
    _arrow(ax, (sx, y0 + 1.42), (sx, y0 + sr), "forward", color=INK, width=1.3)
    fx, fw = 5.0, 0.9  # the activation: a box
    _box(ax, (fx, y0), fw, 0.8, [f"${activation}$"], sizes=[SIZE + 5])
    _arrow(ax, (sx + sr, y0), (fx - fw / 2, y0), "forward", color=INK, width=1.3)
    _text(ax, (sx + sr + fx - fw / 2) / 2, y0 + 0.2, "$z$")
    _text(ax, fx, y0 - 0.72, "激活函数 activation", size=SIZE - 1, color=MUTED)
    _arrow(ax, (fx + fw / 2, y0), (6.2, y0), "forward", color=INK, width=1.3)
    _text(ax, 6.3, y0, f"$y = {activation}(z)$", ha="left")
    _text(ax, 6.3, y0 - 0.4, "输出 output", size=SIZE - 1, color=MUTED, ha="left")
    return fig


# -- the backprop chapter's computational graph --------------------------------


def draw_backprop_graph() -> Figure:
    """Draw the computational graph of a two-layer network: values forward, gradients back.

    The network of "Gradients and backpropagation" (docs/backprop.md, section
    "Backpropagation"), rows being examples as in ``nn.Linear``:
    ``Z1 = X W1ᵀ + b1``, ``H = σ(Z1)``, ``Z2 = H W2ᵀ + b2`` and ``L`` the mean
    cross-entropy of ``P = softmax(Z2)`` against the labels ``y`` (one-hot
    ``Y``). Solid blue arrows carry values forward; dashed red ones carry
    gradients back: each node's gradient is written under it
    (``δ2 = ∂L/∂Z2 = (P − Y)/n``, ``∂L/∂H = δ2 W2``,
    ``δ1 = ∂L/∂Z1 = ∂L/∂H ⊙ H ⊙ (1 − H)``), each parameter's beside it.

    Returns:
        A figure with 8 ``"node"`` parts (``X``, ``Z1``, ``H``, ``Z2``, ``L``
        and the inputs ``W1, b1``, ``W2, b2``, ``y``), 7 ``"forward"`` and 5
        ``"backward"`` arrows (no gradient is needed for ``X`` or ``y``).
    """
    width = 8.6
    fig, (ax,) = _canvas(width, 4.3)
    y0, h = 2.35, 0.8  # the main row: its centre and its boxes' height
    nodes = {  # name: (box width, lines)
        "X": (0.8, ["$X$", "输入 input"]),
        "Z1": (1.45, [r"$Z_1 = X W_1^\top + b_1$", "线性 linear"]),
        "H": (1.2, [r"$H = \sigma(Z_1)$", "隐藏层 hidden"]),
        "Z2": (1.45, [r"$Z_2 = H W_2^\top + b_2$", "得分 scores"]),
        "L": (1.0, ["$L$", "损失 loss"]),
    }
    gap = (width - 0.2 - sum(w for w, _ in nodes.values())) / (len(nodes) - 1)
    x, centre = 0.1, {}
    for name, (w, lines) in nodes.items():
        centre[name] = x + w / 2
        _box(ax, (centre[name], y0), w, h, lines, sizes=[SIZE, SIZE - 1])
        x += w + gap
    names = list(nodes)
    for a, b in zip(names, names[1:]):
        start, end = centre[a] + nodes[a][0] / 2, centre[b] - nodes[b][0] / 2
        _arrow(ax, (start, y0 + 0.16), (end, y0 + 0.16), "forward")
        if a != "X":
            _arrow(ax, (end, y0 - 0.16), (start, y0 - 0.16), "backward")
    below = {  # the gradient of L with respect to each node
        "Z1": [r"$\delta_1 = \partial L / \partial Z_1$", r"$= \partial L/\partial H \odot H \odot (1 - H)$"],
        "H": [r"$\partial L / \partial H$", r"$= \delta_2 W_2$"],
        "Z2": [r"$\delta_2 = \partial L / \partial Z_2$", r"$= (P - Y)\,/\,n$"],
        "L": [r"$\partial L / \partial L = 1$"],
    }
    for name, lines in below.items():
        for k, line in enumerate(lines):
            _text(ax, centre[name], y0 - h / 2 - 0.3 - 0.34 * k, line, color=RED)
    py = 3.7  # the parameters and the labels, above
    grads = {  # the gradients of the parameters: ∂L/∂W_l = δ_lᵀ (the layer's input), ∂L/∂b_l = Σ_i δ_l,i
        name: [rf"$\partial L / \partial W_{l} = \delta_{l}^\top {x}$",
               rf"$\partial L / \partial b_{l} = \Sigma_i\, \delta_{{{l},i}}$"]
        for name, l, x in (("Z1", 1, "X"), ("Z2", 2, "H"))
    }
    for name, label in (("Z1", r"$W_1,\ b_1$"), ("Z2", r"$W_2,\ b_2$"), ("L", "$y$ 标签 labels")):
        x = centre[name]
        _box(ax, (min(x, width - 0.75), py), 1.3, 0.48, [label])
        if name in grads:
            _arrow(ax, (x - 0.15, py - 0.24), (x - 0.15, y0 + h / 2), "forward")
            _arrow(ax, (x + 0.15, y0 + h / 2), (x + 0.15, py - 0.24), "backward")
            for k, line in enumerate(grads[name]):
                _text(ax, x + 0.27, py - 0.52 - 0.3 * k, line, color=RED, size=SIZE - 1, ha="left")
        else:
            _arrow(ax, (x, py - 0.24), (x, y0 + h / 2), "forward")
    for k, label in enumerate(("前向：值 forward: values", "反向：梯度 backward: gradients")):
        y = 0.5 - 0.32 * k
        key = FancyArrowPatch((0.15, y), (0.65, y), arrowstyle="-|>", mutation_scale=13, linewidth=1.6,
                              color=RED if k else BLUE, linestyle="--" if k else "-")
        ax.add_patch(key)  # a key, not a part of the graph: left unlabelled
        _text(ax, 0.77, y, label, size=SIZE - 1, ha="left")
    _text(ax, width - 0.1, 0.5, r"$P = \mathrm{softmax}(Z_2)$，$Y$：独热标签 one-hot labels", size=SIZE - 1,
          color=MUTED, ha="right")
    _text(ax, width - 0.1, 0.18, "$L$：平均交叉熵 mean cross-entropy", size=SIZE - 1, color=MUTED, ha="right")
    return fig


# -- an autoencoder --------------------------------------------------------------


def draw_autoencoder(n_in: int = 64, k: int = 2, hidden: Sequence[int] = (64, 32), max_units: int = 6) -> Figure:
    """Draw an autoencoder's layers: input ``x``, encoder ``f``, code ``z``, decoder ``g``, reconstruction ``x̂``.

    The layers are those of
    [Autoencoder][dlnotes.autoencoder.Autoencoder]``(n_in, k, hidden)``
    ("Autoencoders", docs/autoencoders.md): widths ``n_in``, ``*hidden``, ``k``,
    ``*reversed(hidden)``, ``n_in``. The widest layers are drawn with
    ``max_units`` circles (the last after an ellipsis), narrower ones with fewer,
    and each layer's width is written under it.

    Returns:
        A figure with one ``"size"`` text per layer and an ``"edge"`` between
        every two circles of consecutive layers.
    """
    check_count("n_in", n_in)
    check_count("k", k)
    widths = [n_in, *_check_widths("hidden", hidden), k]
    widths += widths[-2::-1]
    _check_max_units(max_units)
    code, widest = len(widths) // 2, max(widths)
    slots = [_shown(n, min(n, max(2, round(max_units * math.sqrt(n / widest))))) for n in widths]
    gap, radius = 0.42, 0.13
    half = (max(map(len, slots)) - 1) / 2 * gap  # the tallest column's half height
    y0 = 1.05 + radius + half
    top = y0 + half + radius + 0.2  # the braces
    fig, (ax,) = _canvas(8.0, top + 0.55)
    xs = [0.9 + i * 6.2 / (len(widths) - 1) for i in range(len(widths))]
    layers = []
    for i, (x, n) in enumerate(zip(xs, widths)):
        color = BLUE if i == 0 else GREEN if i == len(widths) - 1 else ORANGE if i == code else MUTED
        layers.append(_layer(ax, (x, y0), slots[i], vertical=True, gap=gap, radius=radius, color=color))
        _text(ax, x, 0.72, str(n), kind="size")
    for a, b in zip(layers, layers[1:]):
        for p in a:
            for q in b:
                _edge(ax, p, q, radius)
    _text(ax, xs[0], 0.35, "输入 input $x$", size=SIZE - 1, color=BLUE)
    _text(ax, xs[code], 0.35, "编码 code $z$", size=SIZE - 1, color=ORANGE)
    _text(ax, xs[-1] - 0.2, 0.35, r"重构 reconstruction $\hat{x}$", size=SIZE - 1, color=GREEN)
    for (a, b), label in (((0, code), "编码器 encoder $f$"), ((code, len(widths) - 1), "解码器 decoder $g$")):
        ax.plot([xs[a] + 0.05, xs[a] + 0.05, xs[b] - 0.05, xs[b] - 0.05], [top - 0.1, top, top, top - 0.1],
                color=INK, linewidth=1.0)
        _text(ax, (xs[a] + xs[b]) / 2, top + 0.25, label)
    return fig


# -- an RBM ------------------------------------------------------------------------


def draw_rbm(n_visible: int = 6, n_hidden: int = 4, max_units: int = 7) -> Figure:
    """Draw an RBM's bipartite graph: visible ``v_i`` (biases ``b_i``) below, hidden ``h_j`` (biases ``c_j``) above.

    The notation of "Restricted Boltzmann machines" (docs/rbm.md): every visible
    unit is joined to every hidden unit by an undirected edge of weight
    ``W_ij`` (``W`` is ``n_visible × n_hidden``), and no edge joins two units of
    the same layer. One edge is drawn thick and labelled ``W_ij``. A layer of more
    than ``max_units`` units is drawn as its first units, an ellipsis and its last.

    Returns:
        A figure with one ``"unit"`` per circle and one ``"edge"`` per pair of a
        visible and a hidden circle: ``n_visible * n_hidden`` when all are drawn.
    """
    check_count("n_visible", n_visible)
    check_count("n_hidden", n_hidden)
    _check_max_units(max_units)
    vis, hid = _shown(n_visible, max_units), _shown(n_hidden, max_units)
    gap, radius = 0.78, 0.25
    span = (max(len(vis), len(hid)) - 1) * gap
    cx = 2.0 + radius + span / 2  # the row labels take the first 2 inches
    fig, (ax,) = _canvas(max(6.0, cx + span / 2 + radius + 0.5), 3.5)
    yv, yh = 0.95, 2.65
    vi, hj = [i for i in vis if i is not None], [j for j in hid if j is not None]
    hidden = _layer(ax, (cx, yh), hid, vertical=False, gap=gap, radius=radius, color=ORANGE,
                    labels=[f"$h_{{{j}}}$" for j in hj])
    visible = _layer(ax, (cx, yv), vis, vertical=False, gap=gap, radius=radius, color=BLUE,
                     labels=[f"$v_{{{i}}}$" for i in vi])
    mark = (vi[min(1, len(vi) - 1)], hj[min(2, len(hj) - 1)])  # the edge to label: v_2 to h_3 where they exist
    for p, i in zip(visible, vi):
        for q, j in zip(hidden, hj):
            _edge(ax, p, q, radius, color=INK if (i, j) == mark else "#8c8c8c", width=2.2 if (i, j) == mark else 0.9)
            if (i, j) == mark:
                _with_label(ax, p, q, f"$W_{{{i}{j}}}$" if max(i, j) < 10 else f"$W_{{{i},{j}}}$", INK,
                            at=0.6, side=0.3)
    for (x, y), j in zip(hidden, hj):
        _text(ax, x, y + radius + 0.2, f"$c_{{{j}}}$", size=SIZE - 1, color=ORANGE)
    for (x, y), i in zip(visible, vi):
        _text(ax, x, y - radius - 0.2, f"$b_{{{i}}}$", size=SIZE - 1, color=BLUE)
    for y, lines in ((yh, [("隐藏层 hidden $h$", INK), ("偏置 bias $c$", ORANGE)]),
                     ((yv + yh) / 2, [("权重 weights $W$", INK), ("无向边 undirected", MUTED)]),
                     (yv, [("可见层 visible $v$", INK), ("偏置 bias $b$", BLUE)])):
        for k, (line, color) in enumerate(lines):
            _text(ax, 0.95, y + 0.12 - 0.32 * k, line, size=SIZE - 1, color=color)
    _text(ax, max(cx, 3.2), 0.18, "层内无连接 no edges within a layer", size=SIZE - 1, color=MUTED)
    return fig


# -- a DBN and its greedy training --------------------------------------------------


def draw_dbn_training(widths: Sequence[int] = (64, 256, 256), n_classes: int = 10, max_units: int = 4) -> Figure:
    """Draw a DBN's training in three panels: RBM 1 on the data, RBM 2 on RBM 1's output, then fine-tuning.

    The DBN of "Deep belief networks" (docs/dbn.md):
    [DBN][dlnotes.dbn.DBN]``(widths)`` of two stacked RBMs, then
    ``to_network(n_classes)``. Step 1 trains RBM 1 (``widths[0]`` visible,
    ``widths[1]`` hidden units) on the data ``X``; step 2 keeps it fixed and
    trains RBM 2 on its hidden probabilities ``V1 = σ(X W1 + c1)``; step 3 adds
    a supervised layer of ``n_classes`` units and fine-tunes every layer by
    backpropagation. Each layer is a row of at most ``max_units`` circles (the
    last after an ellipsis), its width written beside it.

    Returns:
        A figure with one axes per step, each with one ``"size"`` text per layer
        it shows, bottom to top: ``[64, 256]``, ``[64, 256, 256]``,
        ``[64, 256, 256, 10]`` for the defaults.
    """
    widths = _check_widths("widths", widths)
    if len(widths) != 3:
        raise ValueError(f"widths must hold 3 layer widths (two stacked RBMs) such as [64, 256, 256], got {widths}")
    check_count("n_classes", n_classes, low=2)
    _check_max_units(max_units)
    gap, radius = 0.28, 0.1
    half = max_units / 2 * gap  # half a row: max_units circles and an ellipsis
    pw = max(2.9, 2 * half + 1.75)  # a panel's width: the row, labels on the left, widths and arrows on the right
    width, height = 3 * pw, 5.1
    fig, axes = _canvas(width, height, panels=3)
    rows = [1.8, 2.65, 3.5, 4.35]  # the data, hidden layer 1, hidden layer 2, the supervised layer
    cx = pw / 2
    steps = [
        ("第 1 步 step 1", ["用数据 X 训练 RBM 1", "train RBM 1 on the data X"]),
        ("第 2 步 step 2", ["RBM 1 固定，用 V₁ 训练 RBM 2", "RBM 1 fixed; train RBM 2 on V₁"]),
        ("第 3 步 step 3", ["加监督层，反向传播微调全部", "add a supervised layer,", "fine-tune all by backprop"]),
    ]
    for s, (ax, (title, caption)) in enumerate(zip(axes, steps)):
        layers = []
        for r, n in enumerate([*widths, n_classes][: s + 2]):  # each step shows one layer more
            slots = _shown(n, max_units)
            layers.append(_layer(ax, (cx, rows[r]), slots, vertical=False, gap=gap, radius=radius,
                                 color=BLUE if r == 0 else GREEN if r == 3 else ORANGE))
            _text(ax, cx + (len(slots) - 1) / 2 * gap + 0.22, rows[r], str(n), size=SIZE - 1, ha="left",
                  kind="size")
        for r in range(s + 1):  # the weights between consecutive layers
            training = s == 2 or r == s  # the RBM trained in this step; every layer when fine-tuning
            color = (GREEN if r == 2 else BLUE) if s == 2 else ORANGE if training else LIGHT
            for p in layers[r]:
                for q in layers[r + 1]:
                    _edge(ax, p, q, radius, color=color)
            label = f"RBM {r + 1}" if s < 2 else f"$W_{r + 1}^\\top$" if r < 2 else "监督层\nsupervised"
            if (s, r) == (1, 0):
                label += "\n固定 fixed"
            _text(ax, cx - half - 0.25, (rows[r] + rows[r + 1]) / 2, label, size=SIZE - 1, ha="right",
                  color=INK if training else MUTED, linespacing=1.1)
        if s == 2:  # values go up, gradients come down
            x = pw - 0.25
            _arrow(ax, (x - 0.09, rows[0] - 0.1), (x - 0.09, rows[3] + 0.1), "forward")
            _arrow(ax, (x + 0.09, rows[3] + 0.1), (x + 0.09, rows[0] - 0.1), "backward")
        _text(ax, cx, rows[0] - 0.36, "$X$ 数据 data", size=SIZE - 1, color=BLUE)
        _text(ax, cx, height - 0.3, title, weight="bold")
        for k, line in enumerate(caption):
            _text(ax, cx, 1.07 - 0.26 * k, line, size=SIZE - 1)
        if s:
            ax.plot([0, 0], [0.38, height - 0.1], color=LIGHT, linewidth=1)
    _text(axes[1], cx, 0.15, r"$V_1 = \sigma(X W_1 + c_1)$：RBM 1 的隐藏层概率 RBM 1's hidden probabilities",
          size=SIZE - 1, color=MUTED)
    return fig
