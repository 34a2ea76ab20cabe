import itertools

import torch

from dlnotes.rbm import RBM

rbm = RBM(5, 3, seed=0)
torch.manual_seed(1)
W, b, c = torch.randn(5, 3), torch.randn(5), torch.randn(3)
rbm.W, rbm.b, rbm.c = (t.to(rbm.W.device) for t in (W, b, c))

bits = [0.0, 1.0]
hs = torch.tensor(list(itertools.product(bits, repeat=3)))  # all 8 h
worst = 0.0
for v in torch.tensor(list(itertools.product(bits, repeat=5))):
    minus_e = -rbm.energy(v.expand(8, 5), hs).double()
    joint = torch.softmax(minus_e, dim=0).cpu()  # p(h | v), exact
    q = rbm.hidden_probs(v[None])[0].double().cpu()  # p(h_j = 1 | v)
    product = (hs * q + (1 - hs) * (1 - q)).prod(dim=1)  # Π_j p(h_j | v)
    worst = max(worst, (joint - product).abs().max().item())
print(f"p(h|v) = product of p(h_j|v) for all 32 v: {worst < 1e-6}")
#> p(h|v) = product of p(h_j|v) for all 32 v: True
assert worst < 1e-6
