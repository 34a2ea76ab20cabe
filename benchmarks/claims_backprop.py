"""Multi-seed checks of the comparisons in docs/backprop.md.

Each entry of CLAIMS maps a claim to a function of the seed that returns named
metrics; benchmarks/claims.py runs seeds 0-4 and prints mean and spread.
Run alone: .venv/bin/python benchmarks/claims.py --only backprop
"""

from collections.abc import Callable

import torch
from torch import nn

from dlnotes.data import load_digits
from dlnotes.probes import grad_norms


class Residual(nn.Module):
    def __init__(self, block: nn.Module) -> None:
        super().__init__()
        self.block = block

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        return h + self.block(h)


def deep_net(kind: str, depth: int = 10, width: int = 64) -> nn.Sequential:
    """The networks of snippets/backprop/fixes.py."""
    act = {"ReLU": nn.ReLU, "tanh": nn.Tanh}.get(kind.split()[0], nn.Sigmoid)
    layers = []
    for _ in range(depth - 1):
        norm = [nn.LayerNorm(width)] if "LayerNorm" in kind else []
        block = nn.Sequential(nn.Linear(width, width), *norm, act())
        layers.append(Residual(block) if "residual" in kind else block)
    model = nn.Sequential(*layers, nn.Linear(width, 10))
    for m in model.modules():
        if isinstance(m, nn.Linear) and "Xavier" in kind:
            gain = nn.init.calculate_gain(act.__name__.lower())
            nn.init.xavier_normal_(m.weight, gain=gain)
        if isinstance(m, nn.Linear) and "Kaiming" in kind:
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
    return model


KINDS = ["sigmoid", "sigmoid + Xavier", "sigmoid + LayerNorm",
         "sigmoid + residual", "tanh + Xavier", "ReLU + Kaiming"]


def fixes(seed: int) -> dict[str, float]:
    """First-layer / last-layer gradient norm for each variant, one seed."""
    X, y = load_digits()
    out = {}
    for kind in KINDS:
        torch.manual_seed(seed)
        model = deep_net(kind)
        nn.functional.cross_entropy(model(X), y).backward()
        norms = list(grad_norms(model).values())
        out[kind] = norms[0] / norms[-1]
    base = out["sigmoid"]
    out["min fix / baseline (LayerNorm, residual, tanh, ReLU)"] = min(
        out[k] for k in KINDS[2:]) / base
    out["Xavier / baseline"] = out["sigmoid + Xavier"] / base
    return out


def five_layers(seed: int) -> dict[str, float]:
    """snippets/backprop/vanishing.py for one seed."""
    X, y = load_digits()
    torch.manual_seed(seed)
    widths = [64, 30, 30, 30, 30, 10]
    layers = []
    for i in range(len(widths) - 1):
        layers += [nn.Linear(widths[i], widths[i + 1]), nn.Sigmoid()]
    model = nn.Sequential(*layers[:-1])
    nn.functional.cross_entropy(model(X), y).backward()
    norms = list(grad_norms(model).values())
    return {"first / last": norms[0] / norms[-1],
            "decreasing": float(all(a < b for a, b in zip(norms, norms[1:])))}


CLAIMS: dict[str, Callable[[int], dict[str, float]]] = {
    "backprop: 10-layer sigmoid net's first/last gradient ratio is tiny; "
    "LayerNorm, residual, tanh+Xavier, ReLU+Kaiming raise it >1000x, "
    "Xavier alone >10x": fixes,
    "backprop: 5-layer sigmoid net on digits, gradient norm shrinks at every "
    "layer back, first/last < 0.005": five_layers,
}
