#!/usr/bin/env python3
"""Multi-seed checks of the claims of the chapter "Deep belief networks" (docs/dbn.md).

Each claim maps a seed to two named metrics (test accuracies, unless said
otherwise), the first being the one the page says comes out ahead. The seed sets
everything random at once: the 80/20 split of the digits (so also which images
keep their labels in exercise 1), the RBMs' initial weights and their sampling,
the supervised layer and the random start's weights, and the order of the
mini-batches. Seed 0 is the page's setting, so its numbers are the page's.

    .venv/bin/python benchmarks/claims.py --only dbn

prints each metric's mean and spread over seeds 0-4, on one CPU thread.
"""

import functools
from collections.abc import Callable

import torch
from torch import nn

from dlnotes.data import load_digits
from dlnotes.dbn import DBN, sigmoid_network
from dlnotes.train import accuracy, fit

SIZES = [64, 256, 256]
Split = tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]


@functools.cache
def _setup(seed: int) -> tuple[Split, DBN]:
    """The digits, the page's split (1437 / 360) and the pre-trained DBN."""
    X, y = load_digits(device="cpu")
    order = torch.randperm(len(X), generator=torch.Generator().manual_seed(seed))
    train, test = order[:1437], order[1437:]
    dbn = DBN(SIZES, seed=seed, device="cpu")
    dbn.pretrain(X[train], epochs=10, lr=0.05, batch_size=20, momentum=0.9,
                 seed=seed)  # no labels
    return (X, y, train, test), dbn


def _nets(dbn: DBN, seed: int) -> dict[str, nn.Sequential]:
    """The pre-trained network and the random start, same supervised layer."""
    return {"pretrained": dbn.to_network(n_classes=10, seed=seed),
            "random": sigmoid_network(SIZES, n_classes=10, seed=seed)}


def _sgd(params) -> torch.optim.Optimizer:
    return torch.optim.SGD(params, lr=0.15, momentum=0.9)


def _train(net: nn.Module, optimizer: torch.optim.Optimizer, seed: int,
           idx: torch.Tensor, epochs: int, curve: bool = False):
    """Fine-tune on the images ``idx``; the test accuracy (each epoch's)."""
    (X, y, _, test), _ = _setup(seed)
    history = fit(net, X[idx], y[idx], loss_fn=nn.CrossEntropyLoss(),
                  optimizer=optimizer, epochs=epochs, batch_size=25,
                  shuffle_seed=seed,
                  validation=(X[test], y[test]) if curve else None)
    return history.val_accuracy if curve else accuracy(net, X[test], y[test])


@functools.cache
def _sgd_curves(seed: int) -> dict[str, list[float]]:
    """finetune.py: SGD on all 1437 labels, test accuracy after each of 40."""
    (_, _, train, _), dbn = _setup(seed)
    return {name: _train(net, _sgd(net.parameters()), seed, train, 40, True)
            for name, net in _nets(dbn, seed).items()}


def sgd_10(seed: int) -> dict[str, float]:
    curves = _sgd_curves(seed)
    return {"pretrained": curves["pretrained"][9],
            "random": curves["random"][9]}


def sgd_40(seed: int) -> dict[str, float]:
    curves = _sgd_curves(seed)
    return {"pretrained": curves["pretrained"][39],
            "random": curves["random"][39]}


def top_spread(seed: int) -> dict[str, float]:
    """features.py: how much a top unit varies between training images."""
    (X, _, train, _), dbn = _setup(seed)
    out = {}
    with torch.no_grad():
        for name, net in _nets(dbn, seed).items():
            out[name] = net[:4](X[train]).std(dim=0).mean().item()
    return out


def adam_10(seed: int) -> dict[str, float]:
    """adam.py: Adam (learning rate 1e-3), all labels, 10 epochs."""
    (_, _, train, _), dbn = _setup(seed)
    return {name: _train(net, torch.optim.Adam(net.parameters(), lr=1e-3),
                         seed, train, 10)
            for name, net in _nets(dbn, seed).items()}


def relu_adam_10(seed: int) -> dict[str, float]:
    """exercise_relu.py against finetune.py, both 10 epochs."""
    (_, _, train, _), _ = _setup(seed)
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(64, 256), nn.ReLU(),
                        nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))
    relu = _train(net, torch.optim.Adam(net.parameters(), lr=1e-3),
                  seed, train, 10)
    return {"relu_adam": relu, "pretrained_sgd": sgd_10(seed)["pretrained"]}


def frozen_10(seed: int) -> dict[str, float]:
    """exercise_frozen.py against finetune.py, both 10 epochs of SGD."""
    (_, _, train, _), dbn = _setup(seed)
    net = dbn.to_network(n_classes=10, seed=seed)
    for p in net[:4].parameters():
        p.requires_grad_(False)  # only the supervised layer learns
    frozen = _train(net, _sgd(net[4].parameters()), seed, train, 10)
    return {"fine_tuned": sgd_10(seed)["pretrained"], "frozen": frozen}


def few_labels(n_labels: int) -> Callable[[int], dict[str, float]]:
    """exercise_few_labels.py: ``n_labels`` labels, SGD, 200 epochs."""
    def run(seed: int) -> dict[str, float]:
        (_, _, train, _), dbn = _setup(seed)
        return {name: _train(net, _sgd(net.parameters()), seed,
                             train[:n_labels], 200)
                for name, net in _nets(dbn, seed).items()}
    return run


CLAIMS: dict[str, Callable[[int], dict[str, float]]] = {
    "dbn: pre-trained beats random start, SGD, 10 epochs": sgd_10,
    "dbn: after 40 epochs of SGD the gap has (nearly) closed": sgd_40,
    "dbn: pre-trained top units vary more between images (std)": top_spread,
    "dbn: with Adam the gap after 10 epochs is small": adam_10,
    "dbn: ReLU + Adam, random start, about as good as pre-trained "
    "sigmoid + SGD, 10 epochs": relu_adam_10,
    "dbn: fine-tuning beats training the supervised layer alone, "
    "10 epochs": frozen_10,
    "dbn: 50 labels, 200 epochs: pre-trained beats random start":
    few_labels(50),
    "dbn: 100 labels, 200 epochs: pre-trained ahead, by less":
    few_labels(100),
}
