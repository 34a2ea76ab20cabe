"""dlnotes.autoencoder against scikit-learn's PCA (the oracle), its shapes, and its checks."""

import numpy as np
import pytest
import torch
from torch import nn

from dlnotes.autoencoder import Autoencoder, pca, pca_reconstruction_error
from dlnotes.data import load_digits


@pytest.fixture(scope="module")
def digits() -> torch.Tensor:
    return load_digits()[0]


def _sklearn_error(X: np.ndarray, k: int) -> float:
    # imported here, not above: every test worker collects this module, and scikit-learn takes a second
    from sklearn.decomposition import PCA

    model = PCA(n_components=k, svd_solver="full").fit(X)
    return float(((X - model.inverse_transform(model.transform(X))) ** 2).mean())


@pytest.mark.parametrize("k", [1, 2, 5, 8, 16, 32, 63])
def test_error_matches_scikit_learn_on_digits(digits: torch.Tensor, k: int) -> None:
    X = digits.double().numpy()
    assert pca_reconstruction_error(digits, k) == pytest.approx(_sklearn_error(X, k), rel=1e-6, abs=1e-12)


@pytest.mark.parametrize("n, d, k", [(50, 7, 3), (10, 20, 4), (10, 20, 9), (3, 5, 2)])
def test_error_matches_scikit_learn_on_random_data(n: int, d: int, k: int) -> None:
    X = torch.randn(n, d, generator=torch.Generator().manual_seed(n + d + k), dtype=torch.float64)
    assert pca_reconstruction_error(X, k) == pytest.approx(_sklearn_error(X.numpy(), k), rel=1e-9, abs=1e-12)


def test_reference_errors_on_digits(digits: torch.Tensor) -> None:
    """The per-pixel MSE of PCA on digits / 16 that the chapter quotes."""
    for k, reference in [(2, 0.0524), (8, 0.0238), (16, 0.0110)]:
        assert pca_reconstruction_error(digits, k) == pytest.approx(reference, abs=0.001)


def test_no_components_leaves_the_variance_and_all_leave_nothing(digits: torch.Tensor) -> None:
    X = digits.double()
    assert pca_reconstruction_error(digits, 0) == pytest.approx(X.var(dim=0, unbiased=False).mean().item(), rel=1e-9)
    assert pca_reconstruction_error(digits, 64) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("k", [1, 2, 8])
def test_components_match_scikit_learn_up_to_sign(digits: torch.Tensor, k: int) -> None:
    from sklearn.decomposition import PCA

    mean, V = pca(digits, k)
    oracle = PCA(n_components=k, svd_solver="full").fit(digits.double().numpy())
    assert mean.shape == (64,) and V.shape == (k, 64) and V.dtype == digits.dtype
    assert np.allclose(mean.numpy(), oracle.mean_, atol=1e-6)
    cosines = (V.double().numpy() * oracle.components_).sum(axis=1)
    assert np.allclose(np.abs(cosines), 1.0, atol=1e-4)
    assert torch.allclose(V @ V.T, torch.eye(k), atol=1e-5)  # orthonormal rows
    largest = V.abs().argmax(dim=1)
    assert bool((V[torch.arange(k), largest] > 0).all())  # the sign convention


def test_error_is_the_error_of_the_pca_reconstruction(digits: torch.Tensor) -> None:
    mean, V = pca(digits, 5)
    X_hat = mean + (digits - mean) @ V.T @ V
    assert (digits - X_hat).pow(2).mean().item() == pytest.approx(pca_reconstruction_error(digits, 5), rel=1e-5)


def test_no_affine_rank_k_reconstruction_beats_pca(digits: torch.Tensor) -> None:
    """Eckart–Young: random k-dimensional planes, each with its best fit, never do better."""
    X = digits.double()
    best = pca_reconstruction_error(X, 3)
    generator = torch.Generator().manual_seed(0)
    Xc = X - X.mean(dim=0)
    for _ in range(20):
        Q, _ = torch.linalg.qr(torch.randn(64, 3, generator=generator, dtype=torch.float64))
        error = (Xc - Xc @ Q @ Q.T).pow(2).mean().item()  # orthogonal projection: best for this plane
        assert error >= best


def test_linear_autoencoder_set_from_pca_reaches_the_pca_error(digits: torch.Tensor) -> None:
    """With W_e = V, b_e = -V μ, W_d = Vᵀ, b_d = μ, the linear autoencoder is PCA."""
    k = 4
    mean, V = pca(digits, k)
    model = Autoencoder(64, k)
    with torch.no_grad():
        model.encoder[0].weight.copy_(V)
        model.encoder[0].bias.copy_(-V @ mean)
        model.decoder[0].weight.copy_(V.T)
        model.decoder[0].bias.copy_(mean)
        error = nn.functional.mse_loss(model(digits), digits).item()
        codes = model.encode(digits)
    assert error == pytest.approx(pca_reconstruction_error(digits, k), rel=1e-4)
    assert torch.allclose(codes, (digits - mean) @ V.T, atol=1e-5)


@pytest.mark.parametrize(
    "hidden, encoder_sizes",
    [(None, [(10, 3)]), (6, [(10, 6), (6, 3)]), ([8, 5], [(10, 8), (8, 5), (5, 3)]), ((8,), [(10, 8), (8, 3)])],
)
def test_layers_and_shapes(hidden, encoder_sizes) -> None:
    model = Autoencoder(10, 3, hidden=hidden, activation=nn.Tanh)
    linear = [m for m in model.encoder if isinstance(m, nn.Linear)]
    assert [(m.in_features, m.out_features) for m in linear] == encoder_sizes
    mirrored = [(m.in_features, m.out_features) for m in model.decoder if isinstance(m, nn.Linear)]
    assert mirrored == [(b, a) for a, b in reversed(encoder_sizes)]
    for part in (model.encoder, model.decoder):  # activations only between linear layers
        kinds = [type(m) for m in part]
        assert kinds == [nn.Linear, nn.Tanh] * (len(linear) - 1) + [nn.Linear]
    x = torch.randn(7, 10)
    z = model.encode(x)
    assert z.shape == (7, 3) and model.decode(z).shape == (7, 10)
    assert torch.equal(model(x), model.decode(z))


def test_activation_layers_are_distinct_modules() -> None:
    model = Autoencoder(10, 2, hidden=[6, 4], activation=nn.ReLU)
    acts = [m for m in [*model.encoder, *model.decoder] if isinstance(m, nn.ReLU)]
    assert len(acts) == 4 and len({id(m) for m in acts}) == 4


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"n_in": 0, "k": 2}, ValueError, "n_in must be at least 1, got 0"),
        ({"n_in": 64, "k": 0}, ValueError, "k must be at least 1, got 0"),
        ({"n_in": 64, "k": 2.0}, TypeError, "k must be an int, got float"),
        ({"n_in": True, "k": 2}, TypeError, "n_in must be an int, got bool"),
        ({"n_in": 64, "k": 2, "hidden": [32, 0]}, ValueError, "each hidden width must be at least 1, got 0"),
        ({"n_in": 64, "k": 2, "hidden": "32"}, TypeError, "hidden must be None, an int or a sequence of ints"),
        ({"n_in": 64, "k": 2, "hidden": 32.0}, TypeError, "hidden must be None, an int or a sequence of ints"),
        ({"n_in": 64, "k": 2, "hidden": [32.0]}, TypeError, "each hidden width must be an int, got float"),
        ({"n_in": 64, "k": 2, "hidden": [32], "activation": "relu"}, TypeError, "activation must be callable"),
        ({"n_in": 64, "k": 2, "hidden": [32], "activation": torch.relu}, TypeError, "calling it failed"),
        ({"n_in": 64, "k": 2, "hidden": [32], "activation": lambda: torch.relu}, TypeError, "must return an nn.Module"),
    ],
)
def test_autoencoder_argument_errors(kwargs, error, message) -> None:
    with pytest.raises(error, match=message):
        Autoencoder(**kwargs)


@pytest.mark.parametrize(
    "X, k, error, message",
    [
        ([[0.0, 1.0], [1.0, 0.0]], 1, TypeError, "X must be a torch.Tensor, got list"),
        (torch.zeros(5), 1, ValueError, r"X must have shape \(n, d\) with n >= 2 and d >= 1, got \(5,\)"),
        (torch.zeros(1, 4), 1, ValueError, r"n >= 2 and d >= 1, got \(1, 4\)"),
        (torch.zeros(5, 3, dtype=torch.int64), 1, TypeError, "X must be a floating-point tensor, got torch.int64"),
        (torch.zeros(5, 3), 4, ValueError, "k must be at most the number of columns d = 3, got 4"),
        (torch.zeros(5, 3), -1, ValueError, "k must be at least 0, got -1"),
        (torch.zeros(5, 3), 1.0, TypeError, "k must be an int, got float"),
    ],
)
@pytest.mark.parametrize("function", [pca, pca_reconstruction_error])
def test_pca_argument_errors(function, X, k, error, message) -> None:
    with pytest.raises(error, match=message):
        function(X, k)
