import warnings

import torch
import torch.nn.functional as F
from torch.func import grad, hessian, jvp
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


def hvp(theta, v):  # forward over reverse: the JVP of the gradient along v
    return jvp(grad(loss), (theta,), (v,))[1]


v = torch.randn(len(theta), dtype=torch.float64)
# forward mode's first use warns in torch 2.13 (torch.jit.script deprecated)
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    Hess = hessian(loss)(theta)  # (43, 43): forward over reverse
assert torch.allclose(hvp(theta, v), Hess @ v, rtol=0, atol=1e-12)
assert torch.allclose(Hess, Hess.T, rtol=0, atol=1e-12)  # symmetric
one = flops(loss, theta)
print(f"one Hv: {flops(hvp, theta, v) / one:.1f} forward passes; "
      f"the Hessian: {flops(hessian(loss), theta) / one:.1f}")
#> one Hv: 7.3 forward passes; the Hessian: 163.3
