import torch
import torch.nn.functional as F
from torch.func import jacrev, vjp

torch.manual_seed(0)  # the data and weights of manual_backprop.py
n, d, H, C = 8, 4, 5, 3
X, y = torch.randn(n, d, dtype=torch.float64), torch.randint(0, C, (n,))
params = [torch.randn(H, d), torch.randn(H), torch.randn(C, H), torch.randn(C)]
W1, b1, W2, b2 = [p.double() for p in params]


def layer2(Z1):  # Z1 ↦ Z2 = σ(Z1) W2ᵀ + b2, (n, H) → (n, C)
    return torch.sigmoid(Z1) @ W2.T + b2


def loss(W1, b1, W2, b2):  # the two-layer network's mean cross-entropy
    return F.cross_entropy(torch.sigmoid(X @ W1.T + b1) @ W2.T + b2, y)


# the backward pass by hand, as in TwoLayer.backward
Z1 = X @ W1.T + b1
h = torch.sigmoid(Z1)
delta2 = ((h @ W2.T + b2).softmax(dim=1) - F.one_hot(y, C)) / n
delta1 = (delta2 @ W2) * h * (1 - h)
by_hand = [delta1.T @ X, delta1.sum(0), delta2.T @ h, delta2.sum(0)]

# δ1 is the VJP of layer2 with the vector δ2: no Jacobian is formed
_, pullback = vjp(layer2, Z1)
assert torch.allclose(pullback(delta2)[0], delta1, rtol=0, atol=1e-12)
J = jacrev(layer2)(Z1)  # ∂Z2[i, c] / ∂Z1[j, k], (n, C, n, H)
print(f"J: {tuple(J.shape)}, {J.numel()} entries, "
      f"{(J != 0).sum().item()} not zero")
#> J: (8, 3, 8, 5), 960 entries, 120 not zero
vJ = torch.einsum("ic,icjk->jk", delta2, J)  # vᵀJ with v = δ2
assert torch.allclose(vJ, delta1, rtol=0, atol=1e-12)

# the whole gradient: one VJP of the loss with the vector 1
value, pullback = vjp(loss, W1, b1, W2, b2)
grads = pullback(torch.ones_like(value))
_, same = torch.autograd.functional.vjp(loss, (W1, b1, W2, b2))
for g, s, m in zip(grads, same, by_hand):
    assert torch.allclose(g, m, rtol=0, atol=1e-12)
    assert torch.allclose(s, m, rtol=0, atol=1e-12)
print(f"loss {value.item():.4f}: one VJP = the hand-written gradient")
#> loss 3.1125: one VJP = the hand-written gradient
