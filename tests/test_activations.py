"""dlnotes.activations against PyTorch's own functions, autograd and finite differences."""

import pytest
import torch
import torch.nn.functional as F

from dlnotes.activations import (
    ACTIVATIONS,
    gelu,
    gelu_derivative,
    leaky_relu,
    leaky_relu_derivative,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    step,
    step_derivative,
    tanh,
    tanh_derivative,
)

# PyTorch's implementations: the oracle for the values, and (through autograd) for the derivatives.
ORACLES = {
    "step": lambda z: torch.heaviside(z, torch.zeros((), dtype=z.dtype, device=z.device)),
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": F.relu,
    "leaky_relu": F.leaky_relu,  # default negative_slope 0.01, as in ACTIVATIONS
    "gelu": F.gelu,  # approximate="none": the erf form
}
TOL = {torch.float32: 1e-6, torch.float64: 1e-12}


def _grid(dtype, device) -> torch.Tensor:
    """Many points in [-10, 10], exact 0 and ±1, and huge values where exp would overflow."""
    special = torch.tensor([0.0, 1.0, -1.0, 1e-8, -1e-8, 50.0, -50.0, 200.0, -200.0, 1e30, -1e30])
    return torch.cat([torch.linspace(-10, 10, 2001), special]).to(dtype=dtype, device=device)


def _autograd(f, z: torch.Tensor) -> torch.Tensor:
    z = z.detach().requires_grad_()
    (grad,) = torch.autograd.grad(f(z).sum(), z)
    return grad


def test_the_table_lists_the_chapters_six_functions() -> None:
    assert list(ACTIVATIONS) == ["step", "sigmoid", "tanh", "relu", "leaky_relu", "gelu"]
    assert ACTIVATIONS["gelu"] == (gelu, gelu_derivative)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_values_match_pytorch(name, dtype, device) -> None:
    f, _ = ACTIVATIONS[name]
    z = _grid(dtype, device)
    out = f(z)
    assert out.shape == z.shape and out.dtype == dtype and out.device == z.device
    assert torch.allclose(out, ORACLES[name](z), rtol=TOL[dtype], atol=TOL[dtype])


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_closed_form_derivative_matches_pytorch_autograd(name, dtype, device) -> None:
    _, df = ACTIVATIONS[name]
    z = _grid(dtype, device)
    if name == "step":  # torch.heaviside has no derivative in autograd; it is 0 off the jump
        expected = torch.zeros_like(z)
    else:
        expected = _autograd(ORACLES[name], z)
    assert torch.isfinite(df(z)).all()
    assert torch.allclose(df(z), expected, rtol=TOL[dtype], atol=TOL[dtype])


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_autograd_through_our_formula_gives_the_closed_form(name, dtype, device) -> None:
    f, df = ACTIVATIONS[name]
    z = _grid(dtype, device)
    grad = _autograd(f, z)
    assert torch.isfinite(grad).all()  # no NaN from exp overflowing, even at ±1e30
    assert torch.allclose(grad, df(z), rtol=TOL[dtype], atol=TOL[dtype])


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu", "gelu"])
def test_gradcheck_against_finite_differences(name) -> None:
    f, _ = ACTIVATIONS[name]
    z = torch.tensor([-3.0, -0.7, 0.4, 2.5], dtype=torch.float64, requires_grad=True)  # no kinks here
    assert torch.autograd.gradcheck(f, (z,))


def test_hand_computed_values() -> None:
    z = torch.tensor([-2.0, 0.0, 3.0])
    assert step(z).tolist() == [0.0, 0.0, 1.0]  # 0 at the threshold itself: the neuron must exceed it
    assert relu(z).tolist() == [0.0, 0.0, 3.0] and relu_derivative(z).tolist() == [0.0, 0.0, 1.0]
    assert leaky_relu(z, 0.5).tolist() == [-1.0, 0.0, 3.0]
    assert leaky_relu_derivative(z, 0.5).tolist() == [0.5, 0.5, 1.0]
    assert step_derivative(z).tolist() == [0.0, 0.0, 0.0]
    zero = torch.zeros(1)
    assert sigmoid(zero).item() == 0.5 and sigmoid_derivative(zero).item() == 0.25
    assert tanh(zero).item() == 0.0 and tanh_derivative(zero).item() == 1.0
    assert gelu(zero).item() == 0.0 and gelu_derivative(zero).item() == 0.5


def test_bounds_of_the_saturating_derivatives() -> None:
    z = torch.linspace(-20, 20, 40001, dtype=torch.float64)
    assert sigmoid_derivative(z).max().item() == pytest.approx(0.25)
    assert tanh_derivative(z).max().item() == pytest.approx(1.0)
    assert sigmoid_derivative(z).min().item() >= 0 and tanh_derivative(z).min().item() >= 0


def test_leaky_relu_with_slope_zero_is_relu() -> None:
    z = torch.linspace(-3, 3, 61)
    assert torch.equal(leaky_relu(z, 0.0), relu(z))
    assert torch.equal(leaky_relu_derivative(z, 0), relu_derivative(z))
    assert torch.allclose(leaky_relu(z, 0.2), F.leaky_relu(z, 0.2))


def test_shapes_are_kept() -> None:
    z = torch.randn(2, 3, 4)
    for f, df in ACTIVATIONS.values():
        assert f(z).shape == df(z).shape == (2, 3, 4)


FUNCTIONS = [f for pair in ACTIVATIONS.values() for f in pair]


@pytest.mark.parametrize("f", FUNCTIONS, ids=lambda f: f.__name__)
def test_non_tensor_input_is_explained(f) -> None:
    with pytest.raises(TypeError, match="z must be a torch.Tensor, got list"):
        f([0.0, 1.0])


@pytest.mark.parametrize("f", FUNCTIONS, ids=lambda f: f.__name__)
def test_integer_tensor_is_explained(f) -> None:
    message = r"z must be a floating-point tensor, got torch.int64: convert it with z.float\(\)"
    with pytest.raises(TypeError, match=message):
        f(torch.tensor([0, 1]))


@pytest.mark.parametrize("f", [leaky_relu, leaky_relu_derivative])
@pytest.mark.parametrize(
    "slope, error, message",
    [
        (-0.1, ValueError, "negative_slope must be a finite number >= 0, got -0.1"),
        (float("nan"), ValueError, "negative_slope must be a finite number >= 0"),
        (float("inf"), ValueError, "negative_slope must be a finite number >= 0"),
        ("0.1", TypeError, "negative_slope must be a number, got str"),
        (True, TypeError, "negative_slope must be a number, got bool"),
        (torch.tensor(0.1), TypeError, "negative_slope must be a number, got Tensor"),
    ],
)
def test_bad_slope_is_explained(f, slope, error, message) -> None:
    with pytest.raises(error, match=message):
        f(torch.zeros(3), slope)
