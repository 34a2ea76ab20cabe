#!/usr/bin/env python3
"""Multi-seed checks of the comparisons made in docs/ml-overview.md.

Each entry of ``CLAIMS`` maps a claim to a function of the seed that returns
named metrics; ``benchmarks/claims.py`` runs seeds 0-4 of every claim and prints
mean and spread, and in how many seeds the first metric beats the second. The
seed changes the data (rings, split of the digits, photos, bandit runs) and the
initial weights; seed 0 is what the page shows. Run only these:

    .venv/bin/python benchmarks/claims.py --only ml_overview
"""

from collections.abc import Callable

import torch
from torch import nn

from dlnotes.adversarial import fgsm
from dlnotes.bandit import BernoulliBandit, EpsilonGreedy, run_bandit
from dlnotes.data import load_digits, make_rings, make_spiral
from dlnotes.naive_bayes import GaussianNaiveBayes
from dlnotes.seed import set_seed
from dlnotes.train import accuracy, fit


def _pseudo_label(X: torch.Tensor, labels: torch.Tensor, per_round: int) -> torch.Tensor:
    labels = labels.clone()
    while (labels < 0).any():
        todo = (labels < 0).nonzero().flatten()
        done = (labels >= 0).nonzero().flatten()
        distance, nearest = torch.cdist(X[todo], X[done]).min(dim=1)
        surest = distance.argsort()[:per_round]
        labels[todo[surest]] = labels[done[nearest[surest]]]
    return labels


def pseudo_labels(seed: int) -> dict[str, float]:
    """Two rings of 300 points, 2 labels per ring (snippets/ml_overview/pseudo_labels.py)."""
    set_seed(seed)
    X, y = make_rings(n_per_class=300, seed=seed)
    known = torch.tensor([0, 1, 300, 301])
    labels = torch.full_like(y, -1)
    labels[known] = y[known]
    unlabelled = torch.ones(len(y), dtype=torch.bool)
    unlabelled[known] = False
    alone = labels[known][torch.cdist(X, X[known]).argmin(dim=1)]
    result = {"labels_alone": (alone == y)[unlabelled].float().mean().item()}
    for per_round in (5, 100):
        found = _pseudo_label(X, labels, per_round)
        result[f"pseudo_{per_round}_a_round"] = (found == y)[unlabelled].float().mean().item()
    return result


def _digits(seed: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    X, y = load_digits()
    order = torch.randperm(len(X), generator=torch.Generator().manual_seed(seed))
    return X, y, order[:1297], order[1297:]


def _mlp(X: torch.Tensor, y: torch.Tensor, seed: int) -> nn.Module:
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=optimizer, epochs=100)
    return model


def data_hunger(seed: int) -> dict[str, float]:
    """One hidden layer on 20, 200 and 1297 digits (snippets/ml_overview/data_hunger.py)."""
    set_seed(seed)
    X, y, train, test = _digits(seed)
    return {f"images_{n}": accuracy(_mlp(X[train[:n]], y[train[:n]], seed), X[test], y[test])
            for n in (20, 200, 1297)}


def generative(seed: int) -> dict[str, float]:
    """Naive Bayes against logistic regression on digits (snippets/ml_overview/generative.py)."""
    set_seed(seed)
    X, y, train, test = _digits(seed)
    bayes = GaussianNaiveBayes().fit(X[train], y[train])
    torch.manual_seed(seed)
    logistic = nn.Linear(64, 10)
    optimizer = torch.optim.Adam(logistic.parameters(), lr=0.01)
    fit(logistic, X[train], y[train], loss_fn=nn.CrossEntropyLoss(), optimizer=optimizer, epochs=300)
    return {"naive_bayes": accuracy(bayes, X[test], y[test]),
            "logistic": accuracy(logistic, X[test], y[test])}


def adversarial(seed: int) -> dict[str, float]:
    """FGSM against random signs of the same size, 0.1 (adversarial.py, exercise_random_noise.py)."""
    set_seed(seed)
    X, y, train, test = _digits(seed)
    model = _mlp(X[train], y[train], seed)
    X_test, y_test = X[test], y[test]
    signs = torch.randint(0, 2, X_test.shape, generator=torch.Generator().manual_seed(seed + 1))
    X_random = (X_test + 0.1 * (signs * 2.0 - 1)).clamp(0, 1)
    return {"clean": accuracy(model, X_test, y_test),
            "random_signs": accuracy(model, X_random, y_test),
            "fgsm": accuracy(model, fgsm(model, X_test, y_test, 0.1, clip=(0, 1)), y_test),
            "fgsm_0.2": accuracy(model, fgsm(model, X_test, y_test, 0.2, clip=(0, 1)), y_test)}


def _photos(n: int, background_agrees: bool, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    y = torch.randint(0, 2, (n,), generator=g)
    sign = 2.0 * y - 1
    shape = sign + torch.randn(n, generator=g)
    habitat = sign if background_agrees else 2.0 * torch.randint(0, 2, (n,), generator=g) - 1
    background = habitat + 0.3 * torch.randn(n, generator=g)
    return torch.stack([shape, background], dim=1), y


def spurious(seed: int) -> dict[str, float]:
    """Shape only against shape and background (snippets/ml_overview/spurious.py)."""
    set_seed(seed)
    X, y = _photos(1000, True, 2 * seed)
    X_test, y_test = _photos(1000, False, 2 * seed + 1)
    result = {}
    for name, columns in [("both_features", [0, 1]), ("shape_only", [0])]:
        torch.manual_seed(seed)
        model = nn.Linear(len(columns), 2)
        optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
        fit(model, X[:, columns], y, loss_fn=nn.CrossEntropyLoss(), optimizer=optimizer, epochs=200)
        result[f"{name}_test"] = accuracy(model, X_test[:, columns], y_test)
    return result


def greedy(seed: int) -> dict[str, float]:
    """Total regret over 1000 steps, 50 runs (snippets/ml_overview/exercise_greedy.py)."""
    set_seed(seed)
    probs = [0.3, 0.5, 0.7, 0.4, 0.2]
    result = {}
    for epsilon in (0.0, 0.1):
        runs = range(50 * seed, 50 * seed + 50)
        total = sum(sum(run_bandit(BernoulliBandit(probs, seed=s),
                                   EpsilonGreedy(5, epsilon=epsilon, seed=s), 1000).regret)
                    for s in runs)
        result[f"regret_epsilon_{epsilon}"] = total / 50
    return result


def knn(seed: int) -> dict[str, float]:
    """5-NN and logistic regression on spirals of 10 and 1000 points per class (parametric.py)."""
    set_seed(seed)
    X_test, y_test = make_spiral(n_per_class=500, seed=100 + seed)
    result = {}
    for n_per_class in (10, 1000):
        X, y = make_spiral(n_per_class=n_per_class, seed=seed)
        nearest = torch.cdist(X_test, X).topk(5, largest=False).indices
        votes = nn.functional.one_hot(y[nearest], num_classes=3).sum(dim=1)
        result[f"knn_{3 * n_per_class}"] = (votes.argmax(dim=1) == y_test).float().mean().item()
        torch.manual_seed(seed)
        logistic = nn.Linear(2, 3)
        optimizer = torch.optim.Adam(logistic.parameters(), lr=0.1)
        fit(logistic, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=optimizer, epochs=200)
        result[f"logistic_{3 * n_per_class}"] = accuracy(logistic, X_test, y_test)
    return result


def _pair(run: Callable[[int], dict[str, float]], first: str, second: str):
    """The claim "first > second" from a run's metrics, in that order."""
    def claim(seed: int) -> dict[str, float]:
        metrics = run(seed)
        return {first: metrics[first], second: metrics[second]}
    return claim


CLAIMS: dict[str, Callable[[int], dict[str, float]]] = {
    "ml_overview: pseudo-labels, 5 a round, beat 4 labels alone on two rings":
        _pair(pseudo_labels, "pseudo_5_a_round", "labels_alone"),
    "ml_overview: pseudo-labels, 5 a round, beat 100 a round (the gap is jumped)":
        _pair(pseudo_labels, "pseudo_5_a_round", "pseudo_100_a_round"),
    "ml_overview: a network on 200 digits beats one on 20":
        _pair(data_hunger, "images_200", "images_20"),
    "ml_overview: a network on 1297 digits beats one on 200":
        _pair(data_hunger, "images_1297", "images_200"),
    "ml_overview: logistic regression beats Gaussian naive Bayes on digits":
        _pair(generative, "logistic", "naive_bayes"),
    "ml_overview: random signs of size 0.1 leave more accuracy than FGSM at 0.1":
        _pair(adversarial, "random_signs", "fgsm"),
    "ml_overview: shape only beats shape and background when the background misleads":
        _pair(spurious, "shape_only_test", "both_features_test"),
    "ml_overview: pure greedy has more total regret than epsilon 0.1 (50 runs)":
        _pair(greedy, "regret_epsilon_0.0", "regret_epsilon_0.1"),
    "ml_overview: 5-NN beats logistic regression on the spiral (3000 points)":
        _pair(knn, "knn_3000", "logistic_3000"),
    "ml_overview: 5-NN on 3000 spiral points beats 5-NN on 30":
        _pair(knn, "knn_3000", "knn_30"),
}
