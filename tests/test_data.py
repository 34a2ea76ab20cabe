"""dlnotes.data.make_spiral against the course's own loop (the oracle), and its checks."""

from __future__ import annotations

import math

import pytest
import torch

from dlnotes.data import make_spiral


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
