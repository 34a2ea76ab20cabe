#!/usr/bin/env python3
"""Multi-seed checks of the comparisons in the chapter "Restricted Boltzmann machines".

Each entry of CLAIMS maps a claim of docs/rbm.md to a function of the seed that
returns named metrics, the first being the one the page says comes out ahead
(for errors and gaps, "ahead" means larger: the page's claim is that the second
is smaller). The seed sets the RBM's initial weights and all its sampling
(``RBM(..., seed=s)``, ``fit(..., seed=s)``), and where the page draws data at
random (the tiny data set, the 80/20 split of the nudged digits, the noise that
starts the Gibbs chains) that too. Seed 0 is the page's setting, so its numbers
are the page's (on the CPU).

    .venv/bin/python benchmarks/claims.py --only rbm

prints each metric's mean and spread over seeds 0-4, on one CPU thread.
"""

import functools
import itertools
from collections.abc import Callable

import torch
from sklearn.linear_model import LogisticRegression

from dlnotes.data import load_digits
from dlnotes.rbm import RBM, nudge

CPU = "cpu"
STATES = torch.tensor(list(itertools.product([0.0, 1.0], repeat=6)))


# ---- the tiny RBM with an exact likelihood (snippets/rbm/likelihood.py) ----------
def _tiny_data(seed: int) -> torch.Tensor:
    """60 rows: two 6-pixel patterns, 5% of the bits flipped."""
    g = torch.Generator().manual_seed(seed)
    patterns = torch.tensor([[1.0, 1, 1, 0, 0, 0], [0.0, 0, 0, 1, 1, 1]])
    V = patterns[torch.randint(2, (60,), generator=g)]
    return torch.where(torch.rand(V.shape, generator=g) < 0.05, 1 - V, V)


def _log_likelihood(rbm: RBM, V: torch.Tensor) -> float:
    log_z = torch.logsumexp(-rbm.free_energy(STATES).double(), dim=0)
    return (-rbm.free_energy(V).double().mean() - log_z).item()


def cd1_raises_likelihood(seed: int) -> dict[str, float]:
    V = _tiny_data(seed)
    rbm = RBM(6, 4, seed=seed, device=CPU)
    before = _log_likelihood(rbm, V)
    rbm.fit(V, epochs=30, lr=0.1, batch_size=10, k=1, seed=seed)
    return {"after": _log_likelihood(rbm, V), "before": before}


@functools.cache
def _cd_k(seed: int) -> dict[str, float]:
    """Exercise 2: CD-1, CD-10 and PCD-1, 100 epochs at learning rate 0.1."""
    V = _tiny_data(seed)
    out = {}
    for name, k, persistent in [("CD-1", 1, False), ("CD-10", 10, False),
                                ("PCD-1", 1, True)]:
        rbm = RBM(6, 4, seed=seed, device=CPU)
        rbm.fit(V, epochs=100, lr=0.1, batch_size=10, k=k,
                persistent=persistent, seed=seed)
        out[name] = _log_likelihood(rbm, V)
    return out


def cd10_vs_cd1(seed: int) -> dict[str, float]:
    r = _cd_k(seed)
    return {"CD-10": r["CD-10"], "CD-1": r["CD-1"]}


def cd1_vs_pcd1(seed: int) -> dict[str, float]:
    r = _cd_k(seed)
    return {"CD-1": r["CD-1"], "PCD-1": r["PCD-1"]}


def pcd_swings_unseen(seed: int) -> dict[str, float]:
    """snippets/rbm/recon_blind.py: PCD-1 at epochs 100, 140, ..., 300."""
    V = _tiny_data(seed)
    lls, errors = [], []
    for epochs in range(100, 301, 40):
        rbm = RBM(6, 4, seed=seed, device=CPU)
        err = rbm.fit(V, epochs=epochs, lr=0.1, batch_size=10,
                      persistent=True, seed=seed)
        lls.append(_log_likelihood(rbm, V))
        errors.append(err[-1])
    return {"log-lik. max - min": max(lls) - min(lls),
            "rec. error max - min": max(errors) - min(errors)}


# ---- the digits (first 1500 for training, last 297 held out) ------------------
@functools.cache
def _digits() -> torch.Tensor:
    X, _ = load_digits(device=CPU)
    return X


def _trained(seed: int, n: int = 1500, epochs: int = 10,
             visible_bias: bool = False) -> RBM:
    X = _digits()
    rbm = RBM(64, 100, seed=seed, device=CPU)
    if visible_bias:  # Hinton's b_i = log(p_i / (1 - p_i))
        p = X[:n].mean(dim=0).clamp(0.01, 0.99)
        rbm.b = torch.log(p / (1 - p))
    rbm.fit(X[:n], epochs=epochs, lr=0.06, batch_size=10, persistent=True,
            seed=seed)
    return rbm


def _error(rbm: RBM, V: torch.Tensor) -> float:
    return (V - rbm.reconstruct(V)).pow(2).mean().item()


def trained_beats_mean(seed: int) -> dict[str, float]:
    X = _digits()
    held_out = X[1500:]
    baseline = (held_out - X[:1500].mean(dim=0)).pow(2).mean().item()
    return {"pixel-mean error": baseline, "trained error": _error(_trained(seed), held_out)}


def samples_beat_noise(seed: int) -> dict[str, float]:
    """snippets/rbm/samples.py: 300 chains from noise, 200 Gibbs steps."""
    X = _digits()
    rbm = _trained(seed)
    g = torch.Generator().manual_seed(seed)
    noise = (torch.rand(300, 64, generator=g) < 0.5).float()
    v = rbm.gibbs(noise, k=200, generator=g)

    def corr(V: torch.Tensor) -> torch.Tensor:
        return torch.nan_to_num(torch.corrcoef(V.T))

    return {"noise corr. gap": (corr(noise) - corr(X)).abs().mean().item(),
            "sample corr. gap": (corr(v) - corr(X)).abs().mean().item()}


def features_beat_pixels(seed: int) -> dict[str, float]:
    """snippets/rbm/nudged.py: logistic regression on p(h|v) and on pixels."""
    X, y = load_digits(device=CPU)
    X, y = nudge(X), y.repeat(5)
    order = torch.randperm(len(X), generator=torch.Generator().manual_seed(seed))
    train, test = order[:7188], order[7188:]
    rbm = RBM(64, 100, seed=seed, device=CPU)
    rbm.fit(X[train], epochs=10, lr=0.06, batch_size=10, persistent=True,
            seed=seed)
    scores = {}
    for name, inputs in [("RBM features", rbm.transform(X).numpy()),
                         ("raw pixels", X.numpy())]:
        classifier = LogisticRegression(C=100.0, solver="newton-cg")
        classifier.fit(inputs[train], y[train].numpy())
        scores[name] = classifier.score(inputs[test], y[test].numpy())
    return scores


def gap_grows_with_few_images(seed: int) -> dict[str, float]:
    """snippets/rbm/free_energy_gap.py: mean F(held-out) - mean F(train)."""
    X = _digits()
    held_out = X[1500:]
    gaps = {}
    for name, n, epochs in [("gap, 100 images", 100, 300),
                            ("gap, 1500 images", 1500, 10)]:
        rbm = _trained(seed, n, epochs)
        gaps[name] = (rbm.free_energy(held_out).mean()
                      - rbm.free_energy(X[:n]).mean()).item()
    return gaps


def visible_bias_init(seed: int) -> dict[str, float]:
    """snippets/rbm/init.py, then 10 epochs: held-out reconstruction error."""
    held_out = _digits()[1500:]
    return {"b = 0": _error(_trained(seed), held_out),
            "b = log-odds": _error(_trained(seed, visible_bias=True), held_out)}


CLAIMS: dict[str, Callable[[int], dict[str, float]]] = {
    "rbm: CD-1, 30 epochs, raises the tiny RBM's exact log-likelihood":
    cd1_raises_likelihood,
    "rbm: exercise 2, 100 epochs: CD-10 above CD-1": cd10_vs_cd1,
    "rbm: exercise 2, 100 epochs: CD-1 above PCD-1 (lr 0.1)": cd1_vs_pcd1,
    "rbm: PCD-1, epochs 100-300: the likelihood swings, the "
    "reconstruction error does not": pcd_swings_unseen,
    "rbm: held-out reconstruction beats guessing the pixel means":
    trained_beats_mean,
    "rbm: Gibbs samples' pixel correlations closer to the data than noise":
    samples_beat_noise,
    "rbm: RBM features beat raw pixels on the nudged digits":
    features_beat_pixels,
    "rbm: free-energy gap larger with 100 images (300 epochs) than "
    "with 1500 (10 epochs)": gap_grows_with_few_images,
    "rbm: visible biases at the log-odds vs 0: held-out reconstruction "
    "error after 10 epochs": visible_bias_init,
}
