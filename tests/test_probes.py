"""dlnotes.probes.grad_norms against gradients known in closed form and norms computed by hand."""

import math

import pytest
import torch
from torch import nn

from dlnotes.probes import grad_norms


def test_two_linear_layers_match_the_closed_form(device) -> None:
    # L = W2 W1 x (no biases, one output): ∂L/∂W1 = W2ᵀ xᵀ and ∂L/∂W2 = (W1 x)ᵀ,
    # so ‖∂L/∂W1‖_F = ‖W2‖ ‖x‖ and ‖∂L/∂W2‖_F = ‖W1 x‖.
    W1 = torch.tensor([[1.0, 2.0], [0.0, -1.0], [3.0, 1.0]], dtype=torch.float64)
    W2 = torch.tensor([[2.0, -1.0, 0.5]], dtype=torch.float64)
    x = torch.tensor([3.0, 4.0], dtype=torch.float64)
    model = nn.Sequential(nn.Linear(2, 3, bias=False), nn.Linear(3, 1, bias=False)).double()
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[1].weight.copy_(W2)
    model.to(device)
    model(x.to(device)).sum().backward()
    norms = grad_norms(model)
    assert list(norms) == ["0.weight", "1.weight"]
    assert norms["0.weight"] == pytest.approx(math.sqrt(4 + 1 + 0.25) * 5.0, abs=1e-12)
    assert norms["1.weight"] == pytest.approx(torch.linalg.norm(W1 @ x).item(), abs=1e-12)
    assert all(type(v) is float for v in norms.values())


def test_matches_the_norms_of_p_grad_and_skips_one_dimensional_parameters(device) -> None:
    torch.manual_seed(0)
    model = nn.Sequential(
        nn.Linear(5, 4), nn.LayerNorm(4), nn.Sigmoid(), nn.Linear(4, 4), nn.Tanh(), nn.Linear(4, 2)
    ).to(device)
    X, y = torch.randn(7, 5).to(device), torch.tensor([0, 1, 1, 0, 1, 0, 0]).to(device)
    nn.functional.cross_entropy(model(X), y).backward()
    norms = grad_norms(model)
    assert list(norms) == ["0.weight", "3.weight", "5.weight"]  # no biases, no LayerNorm gains
    for name, p in model.named_parameters():
        if name in norms:
            by_hand = math.sqrt(sum(g * g for g in p.grad.flatten().tolist()))
            assert norms[name] == pytest.approx(by_hand, rel=1e-6)


def test_convolution_weights_count_as_layers() -> None:
    conv = nn.Conv2d(1, 2, kernel_size=3, bias=False)
    with torch.no_grad():
        conv.weight.fill_(1.0)
    conv(torch.ones(1, 1, 3, 3)).sum().backward()  # each of the 2 × 9 weights gets gradient 1
    assert grad_norms(conv) == {"weight": pytest.approx(math.sqrt(18))}


def test_frozen_weights_are_left_out() -> None:
    model = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
    model[0].weight.requires_grad_(False)
    model(torch.ones(3, 2)).sum().backward()
    assert list(grad_norms(model)) == ["1.weight"]


def test_zero_gradient_gives_zero() -> None:
    model = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))
    with torch.no_grad():
        model[0].bias.fill_(-100.0)  # every ReLU is off: no gradient reaches the first layer
    model(torch.ones(3, 2)).sum().backward()
    assert grad_norms(model)["0.weight"] == 0.0


def test_not_a_module_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="model must be a torch.nn.Module, got Tensor"):
        grad_norms(torch.zeros(2, 2))


def test_before_backward_is_a_value_error() -> None:
    model = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
    with pytest.raises(ValueError, match=r"'0.weight' has no gradient: call loss.backward\(\) before grad_norms"):
        grad_norms(model)


def test_no_weight_matrix_is_a_value_error() -> None:
    for model in (nn.ReLU(), nn.LayerNorm(3)):
        with pytest.raises(ValueError, match="no trainable weight matrix"):
            grad_norms(model)
