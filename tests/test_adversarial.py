"""dlnotes.adversarial.fgsm against the closed-form input gradient of a linear model (the oracle)."""

import pytest
import torch
from torch import nn

from dlnotes.adversarial import fgsm


def _linear_problem(device="cpu"):
    torch.manual_seed(0)
    model = nn.Linear(5, 3)
    X, y = torch.rand(40, 5), torch.randint(0, 3, (40,))
    return model.to(device), X.to(device), y.to(device)


def test_step_is_the_sign_of_the_closed_form_gradient() -> None:
    """For scores s = W x + b and mean cross-entropy, ∇_x L_i = Wᵀ (softmax(s_i) − onehot(y_i)) / n."""
    model, X, y = _linear_problem()
    with torch.no_grad():
        residual = model(X).softmax(dim=1) - nn.functional.one_hot(y, 3)
        gradient = residual @ model.weight / len(X)
    epsilon = 0.07
    assert torch.allclose(fgsm(model, X, y, epsilon), X + epsilon * gradient.sign())


def test_each_coordinate_moves_by_at_most_epsilon_and_clip_holds() -> None:
    model, X, y = _linear_problem()
    X_adv = fgsm(model, X, y, 0.3, clip=(0.0, 1.0))
    assert (X_adv - X).abs().max().item() <= 0.3 + 1e-6
    assert X_adv.min().item() >= 0.0 and X_adv.max().item() <= 1.0
    assert not X_adv.requires_grad and X_adv.shape == X.shape and X_adv.dtype == X.dtype
    assert torch.equal(fgsm(model, X, y, 0.0), X)


def test_the_loss_goes_up() -> None:
    torch.manual_seed(1)
    model = nn.Sequential(nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 2))
    X, y = torch.randn(64, 4), torch.randint(0, 2, (64,))
    loss = nn.CrossEntropyLoss()
    X_adv = fgsm(model, X, y, 0.01)
    assert loss(model(X_adv), y).item() > loss(model(X), y).item()


def test_a_custom_loss_is_used() -> None:
    model, X, _ = _linear_problem()
    target = torch.zeros(len(X), 3)
    X_adv = fgsm(model, X, target, 0.1, loss_fn=nn.MSELoss())
    with torch.no_grad():
        gradient = 2 * model(X) @ model.weight  # ∇_x of Σ (Wx + b)², up to a positive factor
    assert torch.allclose(X_adv, X + 0.1 * gradient.sign())


def test_the_model_is_left_as_it_was() -> None:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(5, 8), nn.Dropout(0.5), nn.Linear(8, 3))
    model.train()
    X, y = torch.rand(10, 5), torch.randint(0, 3, (10,))
    before = [p.detach().clone() for p in model.parameters()]
    first = fgsm(model, X, y, 0.1)
    assert model.training  # mode restored
    assert all(p.grad is None for p in model.parameters())  # no gradient left on the parameters
    assert all(torch.equal(p, q) for p, q in zip(model.parameters(), before))
    assert torch.equal(first, fgsm(model, X, y, 0.1))  # eval mode: dropout off, so it repeats


def test_runs_on_the_device(device) -> None:
    model, X, y = _linear_problem(device)
    X_adv = fgsm(model, X, y, 0.05)
    assert X_adv.device.type == device.type
    assert ((X_adv - X).abs() <= 0.05 + 1e-6).all()


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"epsilon": -0.1}, ValueError, "epsilon must be >= 0"),
        ({"epsilon": float("nan")}, ValueError, "epsilon must be >= 0"),
        ({"epsilon": "0.1"}, TypeError, "epsilon must be a number"),
        ({"clip": (1.0, 0.0)}, ValueError, r"clip must be \(low, high\) with low < high"),
        ({"model": lambda x: x}, TypeError, "model must be a torch.nn.Module"),
        ({"X": [[0.0] * 5]}, TypeError, "X must be a torch.Tensor"),
        ({"y": [0] * 40}, TypeError, "^y must be a torch.Tensor, got list$"),
        ({"X": torch.zeros(40, 5, dtype=torch.long)}, TypeError, "X must be floating point"),
        ({"y": torch.zeros(3, dtype=torch.long)}, ValueError, "same length"),
    ],
)
def test_bad_arguments_are_explained(kwargs, error, message) -> None:
    model, X, y = _linear_problem()
    args = {"model": model, "X": X, "y": y, "epsilon": 0.1, **kwargs}
    with pytest.raises(error, match=message):
        fgsm(args.pop("model"), args.pop("X"), args.pop("y"), args.pop("epsilon"), **args)
