import warnings

import torch
from matplotlib.figure import Figure
from torch.func import jacfwd, jacrev, jvp, vjp
from torch.utils.flop_counter import FlopCounterMode


def network(n_in, n_out, width=64):  # x ↦ tanh(x W1ᵀ) W2ᵀ: R^n_in → R^n_out
    torch.manual_seed(0)
    W1 = torch.randn(width, n_in) / n_in**0.5
    W2 = torch.randn(n_out, width) / width**0.5
    return lambda x: torch.tanh(x @ W1.T) @ W2.T


def flops(fn, *args):  # floating-point operations of its matrix products
    counter = FlopCounterMode(display=False)
    with counter:
        fn(*args)
    return counter.get_total_flops()


f, x, v = network(16, 16), torch.randn(16), torch.randn(16)
one = flops(f, x)  # one forward pass
one_vjp = flops(lambda: vjp(f, x)[1](v)) / one
# forward mode's first use warns in torch 2.13 (torch.jit.script deprecated)
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    one_jvp = flops(lambda: jvp(f, (x,), (v,))) / one
print(f"one VJP: {one_vjp:.0f} forward passes, one JVP: {one_jvp:.0f}")
#> one VJP: 2 forward passes, one JVP: 3

print("inputs → outputs: forward passes to build the whole Jacobian")
#> inputs → outputs: forward passes to build the whole Jacobian
shapes = [(256, 1), (64, 4), (16, 16), (4, 64), (1, 256)]
cost = {"reverse": [], "forward": []}
for n_in, n_out in shapes:
    f, x = network(n_in, n_out), torch.randn(n_in)
    one = flops(f, x)
    cost["reverse"].append(flops(jacrev(f), x) / one)  # n_out VJPs
    cost["forward"].append(flops(jacfwd(f), x) / one)  # n_in JVPs
    assert torch.allclose(jacrev(f)(x), jacfwd(f)(x), atol=1e-5)
    print(f"{n_in:>3} → {n_out:<3} reverse {cost['reverse'][-1]:3.0f}, "
          f"forward {cost['forward'][-1]:3.0f}")
#> 256 → 1   reverse   2, forward 258
#>  64 → 4   reverse   5, forward  66
#>  16 → 16  reverse  17, forward  18
#>   4 → 64  reverse  65, forward   6
#>   1 → 256 reverse 257, forward   3
# reverse: 1 forward pass + 1 per output; forward: 2 + 1 per input
assert cost["reverse"] == [1 + m for _, m in shapes]
assert cost["forward"] == [2 + n for n, _ in shapes]

fig = Figure(figsize=(7, 3.5), layout="constrained")
ax = fig.subplots()
where = torch.arange(len(shapes))
for k, (mode, passes) in enumerate(cost.items()):
    ax.bar(where + (k - 0.5) * 0.4, passes, width=0.4, label=f"{mode} mode")
ax.set(yscale="log", xticks=where, ylabel="cost (forward passes)",
       xticklabels=[f"{n} → {m}" for n, m in shapes],
       xlabel="inputs → outputs")
ax.legend()
