import itertools

import torch
import torch.nn.functional as F

from dlnotes.rbm import RBM

rbm = RBM(6, 4, seed=0)
torch.manual_seed(2)
W, b, c = torch.randn(6, 4), torch.randn(6), torch.randn(4)
rbm.W, rbm.b, rbm.c = (t.to(rbm.W.device) for t in (W, b, c))
vs = torch.tensor(list(itertools.product([0.0, 1.0], repeat=6)))
log_p = -rbm.free_energy(vs).double().cpu()
log_p -= torch.logsumexp(log_p, dim=0)  # exact log p(v), all 64 states

worst = 0.0
for n, v in enumerate(vs):
    for i in range(6):
        m = n ^ (1 << (5 - i))  # the index of v with bit i flipped
        # log p(v_i | the other bits), from the exact p(v)
        exact = log_p[n] - torch.logaddexp(log_p[n], log_p[m])
        gap = rbm.free_energy(vs[m][None]) - rbm.free_energy(v[None])
        shortcut = F.logsigmoid(gap)  # log σ(F(flipped) − F(v))
        worst = max(worst, abs(exact.item() - shortcut.item()))
print(f"log p(v_i | rest) = log sigmoid(F(flipped) - F(v)), "
      f"64 x 6 cases: {worst < 1e-5}")
#> log p(v_i | rest) = log sigmoid(F(flipped) - F(v)), 64 x 6 cases: True
assert worst < 1e-5
