import warnings

import torch
import torch.nn.functional as F
from torch.func import jacfwd, vjp
from torch.utils.flop_counter import FlopCounterMode

torch.manual_seed(0)  # the data and weights of manual_backprop.py
n, d, H, C = 8, 4, 5, 3
X, y = torch.randn(n, d, dtype=torch.float64), torch.randint(0, C, (n,))
params = [torch.randn(H, d), torch.randn(H), torch.randn(C, H), torch.randn(C)]
theta = torch.cat([p.double().flatten() for p in params])  # all parameters
sizes, shapes = [H * d, H, C * H, C], [(H, d), (H,), (C, H), (C,)]


def loss(theta):  # L as a function of one vector of parameters: R^43 → R
    W1, b1, W2, b2 = [t.view(s) for t, s in zip(theta.split(sizes), shapes)]
    return F.cross_entropy(torch.sigmoid(X @ W1.T + b1) @ W2.T + b2, y)


def flops(fn, *args):  # floating-point operations of its matrix products
    counter = FlopCounterMode(display=False)
    with counter:
        fn(*args)
    return counter.get_total_flops()


# by hand, as in TwoLayer.backward
W1, b1, W2, b2 = [t.view(s) for t, s in zip(theta.split(sizes), shapes)]
h = torch.sigmoid(X @ W1.T + b1)
delta2 = ((h @ W2.T + b2).softmax(dim=1) - F.one_hot(y, C)) / n
delta1 = (delta2 @ W2) * h * (1 - h)
by_hand = torch.cat([(delta1.T @ X).flatten(), delta1.sum(0),
                     (delta2.T @ h).flatten(), delta2.sum(0)])

value, pullback = vjp(loss, theta)
reverse = pullback(torch.ones_like(value))[0]  # 1 VJP
# forward mode's first use warns in torch 2.13 (torch.jit.script deprecated)
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    forward = jacfwd(loss)(theta)  # one JVP per parameter
assert torch.allclose(reverse, by_hand, rtol=0, atol=1e-12)
assert torch.allclose(forward, by_hand, rtol=0, atol=1e-12)
one = flops(loss, theta)
costs = [flops(lambda: vjp(loss, theta)[1](torch.ones_like(value))) / one,
         flops(jacfwd(loss), theta) / one]
print(f"{len(theta)} parameters: the gradient in {costs[0]:.1f} forward passes"
      f" (1 VJP) or {costs[1]:.1f} ({len(theta)} JVPs)")
#> 43 parameters: the gradient in 2.4 forward passes (1 VJP) or 63.0 (43 JVPs)
assert costs[1] > 20 * costs[0]
