"""dlnotes.approximation against the targets evaluated directly and numpy's interpolation."""

import math

import numpy as np
import pytest
import torch

from dlnotes.approximation import knots, relu_interpolant, sigmoid_staircase, tent_map_net


def f(x):
    return 0.2 + 0.4 * x**2 + 0.3 * x * torch.sin(15 * x) + 0.05 * torch.cos(50 * x)


def _eval(net, x: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        return net(x.unsqueeze(1).float()).flatten().double()


def test_knots_are_equally_spaced() -> None:
    x = knots(5, -1.0, 2.0)
    assert x.dtype == torch.float64 and x.shape == (6,)
    assert torch.allclose(x, torch.tensor([-1.0 + 0.6 * i for i in range(6)], dtype=torch.float64))


@pytest.mark.parametrize("n, a, b", [(1, 0.0, 1.0), (7, -2.0, 3.0), (50, 0.0, 1.0)])
def test_relu_interpolant_equals_numpy_interp(n, a, b) -> None:
    x = torch.linspace(a, b, 1001, dtype=torch.float64)
    xs = np.linspace(a, b, n + 1)
    oracle = np.interp(x.numpy(), xs, f(torch.from_numpy(xs)).numpy())
    assert np.allclose(_eval(relu_interpolant(f, n, a, b), x).numpy(), oracle, atol=2e-5)


def test_relu_interpolant_has_one_unit_per_segment() -> None:
    net = relu_interpolant(f, 9)
    assert [type(m).__name__ for m in net] == ["Linear", "ReLU", "Linear"]
    assert net[0].weight.shape == (9, 1) and net[2].weight.shape == (1, 9)


def test_relu_interpolant_error_falls_like_one_over_n_squared() -> None:
    x = torch.linspace(0, 1, 2001, dtype=torch.float64)
    err = {n: (_eval(relu_interpolant(f, n), x) - f(x)).abs().max().item() for n in [40, 80, 160]}
    assert err[40] == pytest.approx(0.0117, abs=5e-4) and err[160] == pytest.approx(0.0008, abs=5e-5)
    assert all(3.5 < err[n] / err[2 * n] < 4.5 for n in [40, 80])


def _staircase_oracle(x: torch.Tensor, n: int, w: float) -> torch.Tensor:
    """The formula written out in a Python loop, in float64."""
    xs = [i / n for i in range(n + 1)]
    ys = [f(torch.tensor(v, dtype=torch.float64)).item() for v in xs]
    g = torch.full_like(x, ys[0])
    for i in range(1, n + 1):
        g += (ys[i] - ys[i - 1]) * torch.sigmoid(w * (x - (xs[i - 1] + xs[i]) / 2))
    return g


@pytest.mark.parametrize("n, w", [(3, 10.0), (20, 4000.0), (40, 200.0)])
def test_sigmoid_staircase_equals_the_formula(n, w) -> None:
    x = torch.linspace(0, 1, 501, dtype=torch.float64)
    got = _eval(sigmoid_staircase(f, n, steepness=w), x)
    assert torch.allclose(got, _staircase_oracle(x, n, w), atol=1e-4)


def test_sigmoid_staircase_default_steepness_and_rate() -> None:
    net = sigmoid_staircase(f, 10, 0.0, 2.0)
    assert torch.allclose(net[0].weight, torch.full((10, 1), 1000.0))  # 200 n / (b - a)
    x = torch.linspace(0, 1, 2001, dtype=torch.float64)
    err = {n: (_eval(sigmoid_staircase(f, n), x) - f(x)).abs().max().item() for n in [40, 80, 160]}
    assert err[40] == pytest.approx(0.080, abs=2e-3) and err[160] == pytest.approx(0.020, abs=1e-3)
    assert all(1.8 < err[n] / err[2 * n] < 2.2 for n in [40, 80])


def test_steps_sit_halfway_between_knots() -> None:
    net = sigmoid_staircase(lambda x: x, 4)  # steps of 1/4 at 1/8, 3/8, 5/8, 7/8
    got = _eval(net, torch.tensor([0.0, 0.2, 0.375, 0.5, 1.0], dtype=torch.float64))
    assert torch.allclose(got, torch.tensor([0.0, 0.25, 0.375, 0.5, 1.0], dtype=torch.float64), atol=1e-6)


@pytest.mark.parametrize("k", [1, 2, 3, 5, 8])
def test_tent_map_net_is_the_composed_tent_map(k) -> None:
    x = torch.linspace(0, 1, 4097, dtype=torch.float64)
    oracle = x.clone()
    for _ in range(k):  # T(t) = 2t for t <= 1/2, 2 - 2t otherwise
        oracle = torch.where(oracle <= 0.5, 2 * oracle, 2 - 2 * oracle)
    assert (_eval(tent_map_net(k), x) - oracle).abs().max().item() < 1e-5
    assert sum(p.numel() for p in tent_map_net(k).parameters()) == 6 * k + 1


def test_tent_map_net_matches_the_closed_form() -> None:
    x = torch.rand(1000, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    closed = 1 - (2 * torch.frac(2**5 * x) - 1).abs()
    assert (_eval(tent_map_net(6), x) - closed).abs().max().item() < 1e-4


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: knots(0), ValueError, "n must be at least 1"),
        (lambda: knots(2.0), TypeError, "n must be an int"),
        (lambda: knots(True), TypeError, "n must be an int"),
        (lambda: knots(3, 1.0, 1.0), ValueError, "a < b"),
        (lambda: knots(3, "0", 1.0), TypeError, "a must be a number"),
        (lambda: knots(3, 0.0, math.inf), ValueError, "b must be finite"),
        (lambda: relu_interpolant("f", 3), TypeError, "f must be callable"),
        (lambda: relu_interpolant(lambda x: x[:-1], 3), ValueError, "same shape"),
        (lambda: relu_interpolant(lambda x: 1.0, 3), ValueError, "same shape"),
        (lambda: relu_interpolant(lambda x: 1 / (x - 0.5), 2), ValueError, "not finite"),
        (lambda: relu_interpolant(f, 0), ValueError, "n must be at least 1"),
        (lambda: sigmoid_staircase(f, 3, steepness=0.0), ValueError, "steepness"),
        (lambda: sigmoid_staircase(f, 3, steepness=math.nan), ValueError, "steepness"),
        (lambda: sigmoid_staircase(f, 3, steepness="big"), TypeError, "steepness must be a number"),
        (lambda: sigmoid_staircase(f, 3, 2.0, 1.0), ValueError, "a < b"),
        (lambda: tent_map_net(0), ValueError, "k must be at least 1"),
        (lambda: tent_map_net(1.5), TypeError, "k must be an int"),
    ],
)
def test_bad_arguments_are_rejected(call, error, match) -> None:
    with pytest.raises(error, match=match):
        call()
