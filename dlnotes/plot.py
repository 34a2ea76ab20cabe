"""Figures for the chapters: classes in the plane, decision boundaries, training curves, images.

Each function returns a ``matplotlib.figure.Figure`` built without pyplot, so it
works headless and leaves no global state. The site draws every figure from the
snippet that shows it (hooks/results.py). Explained in the chapter "Spiral
classification" (docs/spiral.md); images are shown in "Machine learning at a
glance" (docs/ml-overview.md).
"""

import torch
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from torch import nn

from dlnotes.train import History

COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]
"""One colour per class (at most 8 classes are told apart)."""


def _check_points(X: torch.Tensor, y: torch.Tensor) -> None:
    if not isinstance(X, torch.Tensor) or not isinstance(y, torch.Tensor):
        raise TypeError("X and y must be torch.Tensor")
    if X.dim() != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n, 2), got {tuple(X.shape)}")
    if y.shape != (len(X),) or y.dtype.is_floating_point:
        raise ValueError(f"y must be integer labels of shape ({len(X)},), got {y.dtype} {tuple(y.shape)}")
    if int(y.max()) >= len(COLORS):
        raise ValueError(f"at most {len(COLORS)} classes can be drawn, got label {int(y.max())}")


def _axes(ax: Axes | None, size: tuple[float, float] = (4.2, 4.2)) -> tuple[Figure, Axes]:
    if ax is not None:
        return ax.figure, ax
    fig = Figure(figsize=size, layout="constrained")
    return fig, fig.subplots()


def plot_classes(X: torch.Tensor, y: torch.Tensor, ax: Axes | None = None, title: str = "") -> Figure:
    """Scatter 2-D points ``X`` of shape ``(n, 2)``, coloured by their labels ``y`` ``(n,)``."""
    _check_points(X, y)
    fig, ax = _axes(ax)
    X, y = X.detach().cpu(), y.cpu()
    # Thousands of dots: rasterised inside the SVG, so the file stays small.
    ax.scatter(X[:, 0], X[:, 1], c=[COLORS[k] for k in y.tolist()], s=6, linewidths=0, rasterized=True)
    ax.set_aspect("equal")
    ax.set_title(title)
    return fig


def decision_regions(
    model: nn.Module, X: torch.Tensor, resolution: int = 200
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Evaluate ``argmax_k model(x)_k`` on a grid over the points ``X`` ``(n, 2)``.

    The grid spans the points' bounding box plus 10 %, ``resolution`` steps a side,
    and is evaluated on ``X``'s device without gradients.

    Returns:
        Grid coordinates ``gx``, ``gy`` and predicted classes, each of shape
        ``(resolution, resolution)``, on the CPU; row ``i`` has ``gy`` fixed.
    """
    if not isinstance(resolution, int) or resolution < 2:
        raise ValueError(f"resolution must be an int >= 2, got {resolution!r}")
    Xc = X.detach().cpu()
    low, high = Xc.min(dim=0).values, Xc.max(dim=0).values
    pad = 0.1 * (high - low)
    xs = torch.linspace(low[0] - pad[0], high[0] + pad[0], resolution)
    ys = torch.linspace(low[1] - pad[1], high[1] + pad[1], resolution)
    gx, gy = torch.meshgrid(xs, ys, indexing="xy")
    grid = torch.stack([gx.flatten(), gy.flatten()], dim=1).to(X.device)
    with torch.no_grad():
        regions = model(grid).argmax(dim=1).cpu().reshape(resolution, resolution)
    return gx, gy, regions


def plot_decision_boundary(
    model: nn.Module,
    X: torch.Tensor,
    y: torch.Tensor,
    ax: Axes | None = None,
    title: str = "",
    resolution: int = 200,
) -> Figure:
    """Colour the plane by the class ``model`` predicts, points on top.

    The regions are [decision_regions][dlnotes.plot.decision_regions].
    """
    _check_points(X, y)
    fig, ax = _axes(ax)
    gx, gy, regions = decision_regions(model, X, resolution)
    n_classes = int(y.max()) + 1
    cmap = ListedColormap(COLORS[:n_classes])
    ax.contourf(gx, gy, regions, levels=torch.arange(n_classes + 1) - 0.5, cmap=cmap, alpha=0.25, rasterized=True)
    plot_classes(X, y, ax=ax, title=title)
    return fig


def plot_history(history: History, axes: tuple[Axes, Axes] | None = None, title: str = "") -> Figure:
    """Draw the loss (log scale) and the accuracy per epoch, side by side."""
    if not isinstance(history, History):
        raise TypeError(f"history must be a dlnotes.train.History, got {type(history).__name__}")
    if axes is None:
        fig = Figure(figsize=(8, 3), layout="constrained")
        axes = fig.subplots(1, 2)
    ax_loss, ax_acc = axes
    epochs = range(1, len(history.loss) + 1)
    ax_loss.plot(epochs, history.loss)
    ax_loss.set(xlabel="epoch", ylabel="loss", yscale="log")
    if history.accuracy:
        ax_acc.plot(epochs, history.accuracy)
        ax_acc.set(xlabel="epoch", ylabel="accuracy", ylim=(0, 1.02))
    ax_loss.figure.suptitle(title)
    return ax_loss.figure


def plot_training(model: nn.Module, X: torch.Tensor, y: torch.Tensor, history: History, title: str = "") -> Figure:
    """Decision boundary, loss and accuracy of a trained classifier, in one row."""
    fig = Figure(figsize=(11, 3.4), layout="constrained")
    ax_boundary, ax_loss, ax_acc = fig.subplots(1, 3)
    plot_decision_boundary(model, X, y, ax=ax_boundary)
    plot_history(history, axes=(ax_loss, ax_acc), title=title)
    return fig


def plot_images(
    images: torch.Tensor,
    titles: list[str] | None = None,
    ncols: int | None = None,
    vmin: float = 0.0,
    vmax: float = 1.0,
) -> Figure:
    """Show grayscale images ``(n, h, w)`` in a grid, dark ink on white, each with an optional title.

    Values from ``vmin`` (white) to ``vmax`` (black) use one fixed scale across
    the grid, so that the same value looks the same in every image. ``ncols``
    defaults to ``n`` (one row).
    """
    if not isinstance(images, torch.Tensor) or images.dim() != 3:
        raise ValueError(f"images must have shape (n, h, w), got {getattr(images, 'shape', type(images).__name__)}")
    n = len(images)
    if titles is not None and len(titles) != n:
        raise ValueError(f"got {n} images but {len(titles)} titles")
    ncols = n if ncols is None else ncols
    if not isinstance(ncols, int) or ncols < 1:
        raise ValueError(f"ncols must be an int >= 1, got {ncols!r}")
    nrows = -(-n // ncols)
    fig = Figure(figsize=(1.1 * ncols, 1.3 * nrows), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False).flatten()
    for i, ax in enumerate(axes):
        ax.set_axis_off()
        if i < n:
            ax.imshow(images[i].detach().cpu().numpy(), cmap="gray_r", vmin=vmin, vmax=vmax)
            ax.set_title(titles[i] if titles else "", fontsize=8)
    return fig
