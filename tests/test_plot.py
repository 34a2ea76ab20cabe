"""dlnotes.plot: figures are built, show what the model predicts, and reject bad input."""

import pytest
import torch
from matplotlib.figure import Figure
from torch import nn

from dlnotes.plot import (
    decision_regions,
    plot_classes,
    plot_decision_boundary,
    plot_history,
    plot_images,
    plot_training,
)
from dlnotes.train import History

X = torch.tensor([[-1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
y = torch.tensor([0, 1, 1])


def _left_right() -> nn.Module:
    """Class 1 right of the y-axis, class 0 left of it."""
    model = nn.Linear(2, 2)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([[-1.0, 0.0], [1.0, 0.0]]))
        model.bias.zero_()
    return model


def test_decision_regions_are_the_models_predictions() -> None:
    gx, gy, regions = decision_regions(_left_right(), X, resolution=11)
    assert gx.shape == gy.shape == regions.shape == (11, 11)
    assert torch.equal(regions, (gx > 0).long())  # left of the y-axis 0, right of it 1
    # The grid covers the points plus a 10 % margin.
    assert gx.min().item() == pytest.approx(-1.2) and gy.max().item() == pytest.approx(1.1)
    fig = plot_decision_boundary(_left_right(), X, y, resolution=11)
    assert isinstance(fig, Figure) and len(fig.axes[0].collections) == 2  # regions, then points


def test_all_figures_render(tmp_path) -> None:
    history = History(loss=[1.0, 0.5, 0.25], accuracy=[0.3, 0.6, 0.9])
    for fig in (plot_classes(X, y), plot_history(history), plot_training(_left_right(), X, y, history)):
        out = tmp_path / "f.svg"
        fig.savefig(out)
        assert out.stat().st_size > 1000


@pytest.mark.parametrize(
    "points, labels, message",
    [
        (torch.zeros(3, 3), y, r"X must have shape \(n, 2\)"),
        (X, torch.tensor([0.0, 1.0, 1.0]), "y must be integer labels"),
        (X, torch.tensor([0, 1]), "y must be integer labels"),
        (X, torch.tensor([0, 1, 9]), "at most 8 classes"),
    ],
)
def test_bad_points_are_explained(points, labels, message) -> None:
    with pytest.raises(ValueError, match=message):
        plot_classes(points, labels)


def test_bad_resolution_and_history() -> None:
    with pytest.raises(ValueError, match="resolution must be an int >= 2"):
        plot_decision_boundary(_left_right(), X, y, resolution=1)
    with pytest.raises(TypeError, match="history must be a dlnotes.train.History"):
        plot_history({"loss": [1.0]})


def test_images_are_drawn_in_a_grid_on_one_scale(tmp_path) -> None:
    images = torch.rand(5, 8, 8)
    fig = plot_images(images, titles=[str(i) for i in range(5)], ncols=3)
    assert len(fig.axes) == 6  # 2 rows of 3; the last one is empty
    shown = [ax for ax in fig.axes if ax.images]
    assert len(shown) == 5 and [ax.get_title() for ax in shown] == ["0", "1", "2", "3", "4"]
    assert all(ax.images[0].get_clim() == (0.0, 1.0) for ax in shown)
    fig.savefig(tmp_path / "images.svg")


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"images": torch.zeros(3, 64)}, r"images must have shape \(n, h, w\)"),
        ({"titles": ["a"]}, "got 3 images but 1 titles"),
        ({"ncols": 0}, "ncols must be an int >= 1"),
    ],
)
def test_bad_images_are_explained(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        plot_images(**{"images": torch.zeros(3, 8, 8), **kwargs})
