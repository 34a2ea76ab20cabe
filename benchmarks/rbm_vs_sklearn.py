#!/usr/bin/env python3
"""Compare dlnotes' RBM with scikit-learn's BernoulliRBM on the nudged digits.

A benchmark, not a test: timings depend on the machine and its load, so nothing
here asserts a budget. Run it on a quiet machine:

    .venv/bin/python benchmarks/rbm_vs_sklearn.py [--seeds 0 1 2] [--threads 1]

Both models get the same data (scikit-learn's digits, each image also shifted by
one pixel in four directions, float32 in [0, 1], a fixed 80/20 split), the same
hyper-parameters (100 hidden units, learning rate 0.06, batch size 10, 10 epochs:
scikit-learn's RBM example) and the same seed, in one process. dlnotes trains with
``persistent=True``, which is scikit-learn's update (PCD-1, batches in order).

Every quality figure is computed by one function for both models, after copying
scikit-learn's fitted ``components_``/``intercept_*_`` into a dlnotes ``RBM``,
so the two differ only in how they were trained:

- pseudo-log-likelihood: scikit-learn's definition (``score_samples``: flip one
  random bit per row, ``n_visible · log σ(F(ṽ) − F(v))``), on the binarised test
  images (pixel > 0.5), with the same flipped bits for both; and the full
  pseudo-log-likelihood ``Σ_i log p(v_i | v_rest)``, which has no randomness;
- reconstruction error: mean over test pixels of ``(v − p(v | p(h | v)))²``;
- downstream accuracy: logistic regression (lbfgs, C = 100) on ``p(h | v)``.

The fit time ratio is dlnotes' time over scikit-learn's (< 1: dlnotes faster),
the median of the seeds, both on the same number of CPU threads (``--threads``;
scikit-learn's BLAS is limited through threadpoolctl).
"""

import argparse
import statistics
import time

import numpy as np
import torch
import torch.nn.functional as F
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import BernoulliRBM
from threadpoolctl import threadpool_limits

from dlnotes.data import load_digits
from dlnotes.rbm import RBM, nudge

HYPER = {"n_hidden": 100, "lr": 0.06, "batch_size": 10, "epochs": 10}


def nudged_digits() -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """The RBM chapter's data and split: 7188 training and 1797 test images."""
    X, y = load_digits()
    X, y = nudge(X), y.repeat(5)
    order = torch.randperm(len(X), generator=torch.Generator().manual_seed(0))
    train, test = order[:7188], order[7188:]
    return X[train], y[train], X[test], y[test]


def fit_dlnotes(X: torch.Tensor, seed: int) -> tuple[RBM, float]:
    start = time.perf_counter()
    rbm = RBM(64, HYPER["n_hidden"], seed=seed, device="cpu")
    rbm.fit(X, epochs=HYPER["epochs"], lr=HYPER["lr"], batch_size=HYPER["batch_size"], persistent=True, seed=seed)
    return rbm, time.perf_counter() - start


def fit_sklearn(X: torch.Tensor, seed: int) -> tuple[RBM, float]:
    """Fit BernoulliRBM and return its parameters as a dlnotes RBM (``W = components_ᵀ``)."""
    data = X.numpy()
    start = time.perf_counter()
    model = BernoulliRBM(
        n_components=HYPER["n_hidden"], learning_rate=HYPER["lr"], batch_size=HYPER["batch_size"],
        n_iter=HYPER["epochs"], random_state=seed,
    ).fit(data)
    seconds = time.perf_counter() - start
    rbm = RBM(64, HYPER["n_hidden"], device="cpu")
    rbm.W = torch.as_tensor(model.components_.T.copy())
    rbm.b = torch.as_tensor(model.intercept_visible_.copy())
    rbm.c = torch.as_tensor(model.intercept_hidden_.copy())
    # The copy is faithful: scikit-learn's own features and free energy agree.
    assert np.allclose(model.transform(data[:50]), rbm.transform(X[:50]).numpy(), atol=1e-5)
    assert np.allclose(model._free_energy(data[:50]), rbm.free_energy(X[:50]).numpy(), atol=1e-3)
    return rbm, seconds


def full_pseudo_log_likelihood(rbm: RBM, V: torch.Tensor) -> torch.Tensor:
    """``Σ_i log p(v_i | v_rest)`` of each binary row of ``V``: every bit flipped in turn."""
    free = rbm.free_energy(V)
    total = torch.zeros(len(V))
    for i in range(V.shape[1]):
        flipped = V.clone()
        flipped[:, i] = 1 - flipped[:, i]
        total += F.logsigmoid(rbm.free_energy(flipped) - free)
    return total


def quality(rbm: RBM, X_train, y_train, X_test, y_test) -> dict[str, float]:
    binary = (X_test > 0.5).float()
    classifier = LogisticRegression(C=100.0, max_iter=2000)
    classifier.fit(rbm.transform(X_train).numpy(), y_train.numpy())
    return {
        "PLL (sklearn)": rbm.pseudo_log_likelihood(binary, seed=0).mean().item(),
        "full PLL": full_pseudo_log_likelihood(rbm, binary).mean().item(),
        "recon. error": (X_test - rbm.reconstruct(X_test)).pow(2).mean().item(),
        "accuracy": classifier.score(rbm.transform(X_test).numpy(), y_test.numpy()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--threads", type=int, default=1, help="CPU threads for both libraries")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    X_train, y_train, X_test, y_test = nudged_digits()
    print(f"torch {torch.__version__}, scikit-learn {__import__('sklearn').__version__}, "
          f"{args.threads} thread(s), {len(X_train)} training / {len(X_test)} test images, {HYPER}")
    results: dict[str, list[dict[str, float]]] = {"dlnotes": [], "scikit-learn": []}
    with threadpool_limits(limits=args.threads):
        fit_sklearn(X_train[:100], 0)  # warm up both libraries before timing
        fit_dlnotes(X_train[:100], 0)
        for seed in args.seeds:
            for name, fit in [("dlnotes", fit_dlnotes), ("scikit-learn", fit_sklearn)]:
                rbm, seconds = fit(X_train, seed)
                results[name].append({"fit s": seconds, **quality(rbm, X_train, y_train, X_test, y_test)})
    keys = list(results["dlnotes"][0])
    print(f"\nmedian over seeds {args.seeds} (min .. max)")
    print(f"{'':14s}" + "".join(f"{k:>26s}" for k in keys))
    for name, runs in results.items():
        cells = []
        for k in keys:
            values = [r[k] for r in runs]
            cells.append(f"{statistics.median(values):10.4f} ({min(values):.4f}..{max(values):.4f})")
        print(f"{name:14s}" + "".join(f"{c:>26s}" for c in cells))
    print("\npaired by seed, dlnotes − scikit-learn: mean ± 2 standard errors, and how often dlnotes is better")
    for k in keys[1:]:
        diffs = [a[k] - b[k] for a, b in zip(results["dlnotes"], results["scikit-learn"])]
        error = 2 * statistics.stdev(diffs) / len(diffs) ** 0.5 if len(diffs) > 1 else float("nan")
        better = sum((d < 0) if k == "recon. error" else (d > 0) for d in diffs)
        print(f"  {k:14s} {statistics.mean(diffs):+.4f} ± {error:.4f}   dlnotes better in {better} of {len(diffs)}")
    ratio = statistics.median(a["fit s"] / b["fit s"] for a, b in zip(results["dlnotes"], results["scikit-learn"]))
    print(f"\nfit time ratio dlnotes / scikit-learn: {ratio:.2f}")


if __name__ == "__main__":
    main()
