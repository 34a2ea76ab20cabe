#!/usr/bin/env python3
"""Multi-seed checks of the comparisons in the chapter "Autoencoders".

Each entry of CLAIMS maps a claim of docs/autoencoders.md to a function of the
seed that returns two named metrics, the first being the one the page says is
larger (for errors: the page's claim is that the second, the autoencoder's, is
smaller). The seed sets the autoencoder's initial weights
(``torch.manual_seed``) and, for the held-out claim, which 500 images are held
out. Seed 0 is the page's setting, so its numbers are the page's (on the CPU).
PCA has no randomness.

    .venv/bin/python benchmarks/claims.py --only autoencoders

prints each metric's mean and spread over seeds 0-4, on one CPU thread.
"""

import functools
from collections.abc import Callable

import torch
from torch import nn

from dlnotes.autoencoder import Autoencoder, pca
from dlnotes.data import load_digits
from dlnotes.train import fit


@functools.cache
def _digits() -> tuple[torch.Tensor, torch.Tensor]:
    return load_digits(device="cpu")


def _nonlinear(A: torch.Tensor, seed: int) -> nn.Module:
    """snippets/autoencoders/nonlinear.py: 64-64-32-2, Adam, 300 epochs."""
    torch.manual_seed(seed)
    model = Autoencoder(64, 2, hidden=[64, 32])
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    fit(model, A, A, loss_fn=nn.MSELoss(), optimizer=optimizer, epochs=300)
    return model


@functools.cache
def _all_images(seed: int) -> tuple[float, float, float, float]:
    """Train on all 1797 images: (PCA error, AE error, PCA agreement, AE agreement)."""
    X, y = _digits()
    Xc = X - X.mean(dim=0)
    model = _nonlinear(Xc, seed)
    _, V = pca(X, 2)
    with torch.no_grad():
        ae = nn.functional.mse_loss(model(Xc), Xc).item()
        codes = [Xc @ V.T, model.encode(Xc)]
    pca_error = (Xc - Xc @ V.T @ V).pow(2).mean().item()

    def agreement(Z: torch.Tensor) -> float:
        distances = torch.cdist(Z, Z).fill_diagonal_(float("inf"))
        return (y[distances.argmin(dim=1)] == y).float().mean().item()

    return pca_error, ae, agreement(codes[0]), agreement(codes[1])


def nonlinear_beats_pca(seed: int) -> dict[str, float]:
    pca_error, ae, _, _ = _all_images(seed)
    return {"PCA error": pca_error, "AE error": ae}


def codes_cluster(seed: int) -> dict[str, float]:
    _, _, by_pca, by_ae = _all_images(seed)
    return {"AE agreement": by_ae, "PCA agreement": by_pca}


def heldout_ratio(seed: int) -> dict[str, float]:
    """Exercise 3: 500 held-out images, AE error / PCA error."""
    X, _ = _digits()
    order = torch.randperm(len(X), generator=torch.Generator().manual_seed(seed))
    train, test = X[order[:1297]], X[order[1297:]]
    mean, V = pca(train, 2)
    A, B = train - mean, test - mean
    model = _nonlinear(A, seed)
    with torch.no_grad():
        pca_error = (B - B @ V.T @ V).pow(2).mean().item()
        ae = nn.functional.mse_loss(model(B), B).item()
    return {"PCA error": pca_error, "AE error": ae}


CLAIMS: dict[str, Callable[[int], dict[str, float]]] = {
    "autoencoders: non-linear AE (k = 2) below PCA's error, training data":
    nonlinear_beats_pca,
    "autoencoders: nearest code shows the same digit more often, AE than PCA":
    codes_cluster,
    "autoencoders: exercise 3, non-linear AE below PCA on 500 held-out images":
    heldout_ratio,
}
