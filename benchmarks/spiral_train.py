#!/usr/bin/env python3
"""Time the spiral lab's two models (docs/spiral.md) with one CPU thread and with the default.

A benchmark, not a test: timings depend on the machine and its load, so nothing
here asserts a budget. Run it on a quiet machine:

    .venv/bin/python benchmarks/spiral_train.py [--repeats 3] [--device cpu]

Each model is trained with the chapter's reference settings (H = 100, 1000
full-batch epochs); the median wall time of the repeats is reported, with the
final accuracy as a check that the runs did the real work.
"""

import argparse
import statistics
import time

import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import make_spiral
from dlnotes.train import accuracy, fit


def linear_model() -> tuple[nn.Module, type, float]:
    return nn.Sequential(nn.Linear(2, 100), nn.Linear(100, 3)), torch.optim.SGD, 1e-3


def relu_model() -> tuple[nn.Module, type, float]:
    return nn.Sequential(nn.Linear(2, 100), nn.ReLU(), nn.Linear(100, 3)), torch.optim.Adam, 1e-3


def time_training(build, device: torch.device, epochs: int) -> tuple[float, float]:
    torch.manual_seed(12345)
    X, y = make_spiral()
    model, optimizer_class, lr = build()
    model, X, y = model.to(device), X.to(device), y.to(device)
    optimizer = optimizer_class(model.parameters(), lr=lr, weight_decay=1e-5)
    if device.type == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=optimizer, epochs=epochs, progress=False)
    if device.type == "cuda":
        torch.cuda.synchronize()
    return time.perf_counter() - start, accuracy(model, X, y)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=1000)
    parser.add_argument("--device", default=None, help="cpu (default), cuda, ...")
    args = parser.parse_args()
    device = get_device(args.device)
    default_threads = torch.get_num_threads()
    print(f"torch {torch.__version__}, device {device}, default threads {default_threads}, "
          f"{args.epochs} epochs, median of {args.repeats}")
    for threads in sorted({1, default_threads}):
        torch.set_num_threads(threads)
        for name, build in [("linear, SGD", linear_model), ("ReLU, Adam", relu_model)]:
            runs = [time_training(build, device, args.epochs) for _ in range(args.repeats)]
            seconds = statistics.median(t for t, _ in runs)
            print(f"threads {threads:2d}  {name:12s} {seconds:6.2f} s  accuracy {runs[-1][1]:.3f}")


if __name__ == "__main__":
    main()
