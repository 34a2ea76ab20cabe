import torch
from matplotlib.figure import Figure
from torch import nn

from dlnotes import get_device
from dlnotes.data import load_digits
from dlnotes.probes import grad_norms


class Residual(nn.Module):
    def __init__(self, block):
        super().__init__()
        self.block = block

    def forward(self, h):
        return h + self.block(h)  # h_{l+1} = h_l + f(h_l)


def deep_net(kind, depth=10, width=64):  # depth linear layers, the last to 10
    act = {"ReLU": nn.ReLU, "tanh": nn.Tanh}.get(kind.split()[0], nn.Sigmoid)
    layers = []
    for _ in range(depth - 1):
        norm = [nn.LayerNorm(width)] if "LayerNorm" in kind else []
        block = nn.Sequential(nn.Linear(width, width), *norm, act())
        layers.append(Residual(block) if "residual" in kind else block)
    model = nn.Sequential(*layers, nn.Linear(width, 10))
    for m in model.modules():
        if isinstance(m, nn.Linear) and "Xavier" in kind:
            # Var(w) = gain² · 2 / (fan_in + fan_out)
            gain = nn.init.calculate_gain(act.__name__.lower())
            nn.init.xavier_normal_(m.weight, gain=gain)
        if isinstance(m, nn.Linear) and "Kaiming" in kind:
            # Var(w) = 2 / fan_in
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
    return model


device = get_device()
X, y = load_digits(device=device)
kinds = ["sigmoid", "sigmoid + Xavier", "sigmoid + LayerNorm",
         "sigmoid + residual", "tanh + Xavier", "ReLU + Kaiming"]
ratios, seed0 = {}, {}
for kind in kinds:
    ratios[kind] = []
    for seed in range(3):
        torch.manual_seed(seed)  # weights drawn on the CPU, then moved
        model = deep_net(kind).to(device)
        nn.functional.cross_entropy(model(X), y).backward()
        norms = list(grad_norms(model).values())  # 10 layers, input first
        ratios[kind].append(norms[0] / norms[-1])
        seed0.setdefault(kind, norms)
    low, high = min(ratios[kind]), max(ratios[kind])
    print(f"{kind:>19}: first / last from {low:.0e} to {high:.0e}")
#>             sigmoid: first / last from 3e-08 to 4e-08
#>    sigmoid + Xavier: first / last from 2e-06 to 3e-06
#> sigmoid + LayerNorm: first / last from 2e-04 to 3e-04
#>  sigmoid + residual: first / last from 1e-02 to 1e-02
#>       tanh + Xavier: first / last from 2e+00 to 3e+00
#>      ReLU + Kaiming: first / last from 7e-01 to 8e-01

baseline = max(ratios["sigmoid"])
assert baseline < 1e-6  # the input layer gets ~3e-8 of the last one's
xavier = ratios["sigmoid + Xavier"]
assert 10 * baseline < min(xavier) and max(xavier) < 1e-4  # helps, not enough
for kind in kinds[2:]:
    assert min(ratios[kind]) > 1000 * baseline  # more than 1000-fold
both = ratios["tanh + Xavier"] + ratios["ReLU + Kaiming"]
assert all(0.3 < r < 3 for r in both)  # no vanishing at all

fig = Figure(figsize=(10, 4), layout="constrained")
ax = fig.subplots()
for k, kind in enumerate(kinds):
    where = [l + 1 + (k - 2.5) * 0.13 for l in range(10)]
    ax.bar(where, seed0[kind], width=0.13, label=kind)
ax.set(yscale="log", xlabel="layer $l$ (1 = input layer)",
       xticks=range(1, 11), ylabel=r"$\|\partial L / \partial W_l\|_F$")
ax.legend(ncol=3, fontsize=8)
