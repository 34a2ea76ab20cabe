"""dlnotes.data: make_spiral against the course's own loop (the oracle), the other generators
against their formulas, load_digits against scikit-learn, and the argument checks."""

import math

import pytest
import torch

from dlnotes.data import load_digits, make_blobs, make_rings, make_spiral


def course_spiral(N: int = 1000, C: int = 3, D: int = 2):
    """The NYU Deep Learning lab's generator, verbatim apart from names."""
    X = torch.zeros(N * C, D)
    y = torch.zeros(N * C, dtype=torch.long)
    for c in range(C):
        index = 0
        t = torch.linspace(0, 1, N)
        inner_var = torch.linspace((2 * math.pi / C) * c, (2 * math.pi / C) * (2 + c), N) + torch.randn(N) * 0.2
        for ix in range(N * c, N * (c + 1)):
            X[ix] = t[index] * torch.tensor((math.sin(inner_var[index]), math.cos(inner_var[index])))
            y[ix] = c
            index += 1
    return X, y


@pytest.mark.parametrize("N, C", [(1000, 3), (7, 2), (50, 5)])
def test_matches_the_course_for_the_same_seed(N: int, C: int) -> None:
    torch.manual_seed(12345)
    expected_X, expected_y = course_spiral(N, C)
    torch.manual_seed(12345)
    X, y = make_spiral(N, C)
    assert torch.equal(y, expected_y)
    assert torch.allclose(X, expected_X, atol=1e-6)  # sin/cos in float32 vs float64: 1 ulp


def test_private_seed_repeats_and_leaves_the_global_generator_alone() -> None:
    torch.manual_seed(1)
    before = torch.get_rng_state()
    first, _ = make_spiral(100, seed=7)
    assert torch.equal(torch.get_rng_state(), before)
    again, _ = make_spiral(100, seed=7)
    other, _ = make_spiral(100, seed=8)
    assert torch.equal(first, again) and not torch.equal(first, other)


def test_no_noise_gives_exact_arms() -> None:
    X, y = make_spiral(5, 2, noise=0.0)
    assert torch.allclose(X.norm(dim=1), torch.linspace(0, 1, 5).repeat(2), atol=1e-6)
    assert y.tolist() == [0] * 5 + [1] * 5


def test_device_argument(device) -> None:
    X, y = make_spiral(10, seed=0, device=device)
    assert X.device.type == y.device.type == device.type
    cpu_X, _ = make_spiral(10, seed=0)
    assert torch.allclose(X.cpu(), cpu_X)  # drawn on the CPU, then moved: same numbers


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"n_per_class": 0}, ValueError, "n_per_class must be at least 1"),
        ({"n_classes": 1}, ValueError, "n_classes must be at least 2"),
        ({"noise": -0.1}, ValueError, "noise must be >= 0"),
        ({"noise": float("nan")}, ValueError, "noise must be >= 0"),
        ({"n_per_class": 10.0}, TypeError, "n_per_class must be an int"),
        ({"n_classes": True}, TypeError, "n_classes must be an int"),
        ({"noise": "0.2"}, TypeError, "noise must be a number"),
    ],
)
def test_bad_arguments_are_explained(kwargs, error, message) -> None:
    with pytest.raises(error, match=message):
        make_spiral(**kwargs)


def test_blobs_are_the_centres_plus_scaled_noise() -> None:
    centers = torch.tensor([[1.0, -1.0, 0.0], [5.0, 5.0, 5.0]])
    X, y = make_blobs(4, centers=centers, std=0.5, seed=3)
    noise = torch.randn(8, 3, generator=torch.Generator().manual_seed(3))
    assert y.tolist() == [0] * 4 + [1] * 4
    assert torch.allclose(X, centers[y] + 0.5 * noise)


def test_blobs_default_to_three_groups_in_the_plane() -> None:
    X, y = make_blobs(2000, std=0.5, seed=0)
    means = torch.stack([X[y == c].mean(dim=0) for c in range(3)])
    assert torch.allclose(means, torch.tensor([[0.0, 0.0], [4.0, 0.0], [2.0, 3.5]]), atol=0.05)
    assert X[y == 0].std(dim=0).tolist() == pytest.approx([0.5, 0.5], abs=0.03)


def test_rings_have_radius_one_plus_class() -> None:
    X, y = make_rings(500, n_classes=3, noise=0.05, seed=1)
    for c in range(3):
        radius = X[y == c].norm(dim=1)
        assert radius.mean().item() == pytest.approx(1 + c, abs=0.01)
        assert radius.std().item() == pytest.approx(0.05, abs=0.01)
    angle = torch.atan2(X[:, 1], X[:, 0])  # uniform on the circle: every quadrant about a quarter
    quadrants = torch.bincount(((angle + math.pi) // (math.pi / 2)).long().clamp(max=3), minlength=4)
    assert (quadrants / len(X) - 0.25).abs().max().item() < 0.03


@pytest.mark.parametrize("make", [make_blobs, make_rings])
def test_other_generators_repeat_and_move(make, device) -> None:
    first, y = make(10, seed=5)
    again, _ = make(10, seed=5)
    assert torch.equal(first, again) and first.dtype == torch.float32 and y.dtype == torch.int64
    moved, y_moved = make(10, seed=5, device=device)
    assert moved.device.type == y_moved.device.type == device.type
    assert torch.equal(moved.cpu(), first)


def test_digits_are_scikit_learns_scaled_to_one() -> None:
    from sklearn.datasets import load_digits as sklearn_digits

    images, labels = sklearn_digits(return_X_y=True)
    X, y = load_digits()
    assert torch.equal(X, torch.tensor(images, dtype=torch.float32) / 16)
    assert y.tolist() == labels.tolist() and X.min().item() == 0.0 and X.max().item() == 1.0


@pytest.mark.parametrize(
    "make, kwargs, error, message",
    [
        (make_blobs, {"n_per_class": 0}, ValueError, "n_per_class must be at least 1"),
        (make_blobs, {"std": -1.0}, ValueError, "std must be >= 0"),
        (make_blobs, {"std": "1"}, TypeError, "std must be a number"),
        (make_blobs, {"centers": [1.0, 2.0]}, ValueError, r"centers must have shape \(C, d\)"),
        (make_rings, {"n_classes": 1}, ValueError, "n_classes must be at least 2"),
        (make_rings, {"noise": float("nan")}, ValueError, "noise must be >= 0"),
        (make_rings, {"n_per_class": 2.5}, TypeError, "n_per_class must be an int"),
    ],
)
def test_other_generators_explain_bad_arguments(make, kwargs, error, message) -> None:
    with pytest.raises(error, match=message):
        make(**kwargs)


@pytest.mark.parametrize("make", [make_spiral, make_blobs, make_rings])
def test_seed_must_be_an_int_or_none(make) -> None:
    make(3, seed=None)  # None draws from torch's global generator
    make(3, seed=2**32 - 1)
    for bad, got in (("1", "str"), (1.0, "float"), (True, "bool")):
        with pytest.raises(TypeError, match=f"^seed must be an int or None, got {got}$"):
            make(3, seed=bad)
    for bad in (-1, 2**32):
        with pytest.raises(ValueError, match=rf"^seed must be in \[0, 4294967295\], got {bad}$"):
            make(3, seed=bad)
