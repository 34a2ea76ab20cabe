"""dlnotes.perceptron against truth tables, a hand-written loop and the convergence theorem."""

import math

import pytest
import torch

from dlnotes.perceptron import Perceptron, train_perceptron

X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
TRUTH_TABLES = {  # outputs for the rows of X, computed by hand
    "AND": [0, 0, 0, 1],
    "OR": [0, 1, 1, 1],
    "NAND": [1, 1, 1, 0],
    "NOR": [1, 0, 0, 0],
    "x1": [0, 0, 1, 1],
    "XOR": [0, 1, 1, 0],
    "XNOR": [1, 0, 0, 1],
}
SEPARABLE = ["AND", "OR", "NAND", "NOR", "x1"]


@pytest.mark.parametrize("gate", SEPARABLE)
def test_linearly_separable_gates_are_learned(gate) -> None:
    p = train_perceptron(X, torch.tensor(TRUTH_TABLES[gate]))
    assert p.converged and p.errors[-1] == 0 and min(p.errors[:-1], default=1) > 0
    assert p.predict(X).tolist() == [float(v) for v in TRUTH_TABLES[gate]]


@pytest.mark.parametrize("gate", ["XOR", "XNOR"])
def test_xor_is_never_learned(gate) -> None:
    p = train_perceptron(X, torch.tensor(TRUTH_TABLES[gate]), epochs=200)
    assert not p.converged and len(p.errors) == 200 and min(p.errors) >= 1
    assert (p.predict(X) == torch.tensor(TRUTH_TABLES[gate]).float()).sum().item() <= 3


def _textbook(X: torch.Tensor, y: torch.Tensor, lr: float, epochs: int):
    """The rule in plain Python floats, written from the formula."""
    rows, labels = X.tolist(), y.tolist()
    w, b, errors = [0.0] * len(rows[0]), 0.0, []
    for _ in range(epochs):
        mistakes = 0
        for x, t in zip(rows, labels):
            y_hat = 1.0 if sum(wi * xi for wi, xi in zip(w, x)) + b > 0 else 0.0
            if y_hat != t:
                w = [wi + lr * (t - y_hat) * xi for wi, xi in zip(w, x)]
                b += lr * (t - y_hat)
                mistakes += 1
        errors.append(mistakes)
        if mistakes == 0:
            break
    return w, b, errors


def _separable(n: int, seed: int, margin: float = 0.1):
    """Points labelled by a known line, keeping only those at least `margin` from it."""
    g = torch.Generator().manual_seed(seed)
    w_true, b_true = torch.tensor([1.5, -2.0, 0.5]), 0.3
    X = torch.rand(4 * n, 3, generator=g, dtype=torch.float64) * 2 - 1
    distance = (X @ w_true.double() + b_true) / w_true.norm()
    keep = distance.abs() >= margin
    return X[keep][:n], (distance[keep][:n] > 0).long()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_matches_the_textbook_loop(seed) -> None:
    X_r, y_r = _separable(40, seed)
    w, b, errors = _textbook(X_r, y_r, lr=0.5, epochs=50)
    p = train_perceptron(X_r, y_r, lr=0.5, epochs=50)
    assert p.errors == errors
    assert p.w.tolist() == pytest.approx(w, abs=1e-12) and p.b == pytest.approx(b, abs=1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_convergence_theorem_bound(seed) -> None:
    """Novikoff: with x' = (x, 1), R = max |x'| and margin γ of a unit separator, updates <= (R/γ)^2."""
    X_r, y_r = _separable(200, seed, margin=0.05)
    p = train_perceptron(X_r, y_r, epochs=1000)
    assert p.converged and torch.equal(p.predict(X_r), y_r.double())
    augmented = torch.cat([X_r, torch.ones(len(X_r), 1, dtype=X_r.dtype)], dim=1)
    separator = torch.tensor([1.5, -2.0, 0.5, 0.3], dtype=X_r.dtype)
    separator = separator / separator.norm()
    gamma = ((2 * y_r.double() - 1) * (augmented @ separator)).min().item()
    R = augmented.norm(dim=1).max().item()
    assert gamma > 0 and sum(p.errors) <= math.floor((R / gamma) ** 2)


def test_learning_rate_only_scales_the_weights_from_zero() -> None:
    y = torch.tensor(TRUTH_TABLES["AND"])
    one, tenth = train_perceptron(X, y, lr=1.0), train_perceptron(X, y, lr=0.1)
    assert one.errors == tenth.errors
    assert torch.allclose(tenth.w * 10, one.w) and tenth.b * 10 == pytest.approx(one.b)


def test_labels_may_be_bool_int_or_float(device) -> None:
    Xd = X.to(device)
    for y in (torch.tensor([False, True, True, True]), torch.tensor([0, 1, 1, 1]), torch.tensor([0.0, 1.0, 1.0, 1.0])):
        p = train_perceptron(Xd, y.to(device))
        assert p.w.device == Xd.device and p.predict(Xd).cpu().tolist() == [0.0, 1.0, 1.0, 1.0]


def test_epochs_is_an_upper_limit() -> None:
    p = train_perceptron(X, torch.tensor(TRUTH_TABLES["AND"]), epochs=2)
    assert p.errors == [1, 3] and not p.converged
    assert not Perceptron(w=torch.zeros(2), b=0.0).converged


y_and = torch.tensor(TRUTH_TABLES["AND"])


@pytest.mark.parametrize(
    "args, kwargs, error, message",
    [
        (([[0.0, 1.0]], y_and), {}, TypeError, "X must be a torch.Tensor, got list"),
        ((X.long(), y_and), {}, TypeError, "X must be a floating-point tensor, got torch.int64"),
        ((X[0], y_and), {}, ValueError, r"X must have shape \(n, d\) with n >= 1, got \(2,\)"),
        ((torch.zeros(0, 2), torch.zeros(0)), {}, ValueError, r"X must have shape \(n, d\) with n >= 1"),
        ((X, [0, 0, 0, 1]), {}, TypeError, "y must be a torch.Tensor, got list"),
        ((X, y_and[:3]), {}, ValueError, r"y must have shape \(4,\), one label per row of X, got \(3,\)"),
        ((X, torch.tensor([0, 1, 2, -1])), {}, ValueError,
         r"labels y must be 0 or 1, got the values \[-1.0, 0.0, 1.0, 2.0\]"),
        ((X, y_and), {"lr": 0}, ValueError, "lr must be a finite number > 0, got 0"),
        ((X, y_and), {"lr": float("nan")}, ValueError, "lr must be a finite number > 0"),
        ((X, y_and), {"lr": "1"}, TypeError, "lr must be a number, got str"),
        ((X, y_and), {"epochs": 0}, ValueError, "epochs must be at least 1, got 0"),
        ((X, y_and), {"epochs": 10.0}, TypeError, "epochs must be an int, got float"),
        ((X, y_and), {"epochs": True}, TypeError, "epochs must be an int, got bool"),
    ],
)
def test_bad_arguments_are_explained(args, kwargs, error, message) -> None:
    with pytest.raises(error, match=message):
        train_perceptron(*args, **kwargs)


def test_bad_prediction_inputs_are_explained() -> None:
    p = train_perceptron(X, y_and)
    with pytest.raises(ValueError, match=r"X must have 2 columns, one per weight, got shape \(4, 3\)"):
        p.predict(torch.zeros(4, 3))
    with pytest.raises(TypeError, match="X must be a floating-point tensor"):
        p.predict(X.int())
    with pytest.raises(TypeError, match="X must be a torch.Tensor"):
        p.predict(None)
