import warnings

import torch
from torch.func import jacfwd, jacrev, jvp, vjp

torch.manual_seed(0)  # the data and weights of manual_backprop.py
n, d, H, C = 8, 4, 5, 3
X, y = torch.randn(n, d, dtype=torch.float64), torch.randint(0, C, (n,))
params = [torch.randn(H, d), torch.randn(H), torch.randn(C, H), torch.randn(C)]
W1, b1, W2, b2 = [p.double() for p in params]


def f(x):  # one sample's scores: R^d → R^C
    return torch.sigmoid(x @ W1.T + b1) @ W2.T + b2


x = X[0]
# forward mode: one JVP per input direction e_j gives column j of J
# forward mode's first use warns in torch 2.13 (torch.jit.script deprecated)
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    columns = [jvp(f, (x,), (e,))[1] for e in torch.eye(d, dtype=x.dtype)]
J_forward = torch.stack(columns, dim=1)  # (C, d)
# reverse mode: one forward pass, then one VJP per output e_i gives row i
_, pullback = vjp(f, x)
rows = [pullback(e)[0] for e in torch.eye(C, dtype=x.dtype)]
J_reverse = torch.stack(rows)  # (C, d)
print(f"{len(columns)} JVPs, {len(rows)} VJPs, J is {tuple(J_forward.shape)}")
#> 4 JVPs, 3 VJPs, J is (3, 4)
for row in J_reverse.tolist():
    print(" ".join(f"{v:7.4f}" for v in row))
#>  0.0257 -0.4292  0.2615  0.4662
#> -0.0602 -0.2988  0.0972  0.2034
#>  0.1666  0.4467  0.0878  0.0388

# the chain rule: J = W2 · diag(σ'(z1)) · W1, a product of three Jacobians
h = torch.sigmoid(x @ W1.T + b1)
J_chain = W2 @ torch.diag(h * (1 - h)) @ W1
for J in (J_reverse, jacfwd(f)(x), jacrev(f)(x), J_chain,
          torch.autograd.functional.jacobian(f, x)):
    assert torch.allclose(J, J_forward, rtol=0, atol=1e-12)
