import itertools

import torch

from dlnotes.rbm import RBM

rbm = RBM(6, 4, seed=0)  # 6 visible, 4 hidden units
device = rbm.W.device
torch.manual_seed(0)  # weights and biases large enough to matter
rbm.W = torch.randn(6, 4).to(device)
rbm.b = torch.randn(6).to(device)
rbm.c = torch.randn(4).to(device)

bits = [0.0, 1.0]
vs = torch.tensor(list(itertools.product(bits, repeat=6)))  # all 2^6 v
hs = torch.tensor(list(itertools.product(bits, repeat=4)))  # all 2^4 h
worst_f = worst_p = 0.0
for v in vs:
    minus_e = -rbm.energy(v.expand(16, 6), hs).double()  # −E(v, h), all h
    brute_f = -torch.logsumexp(minus_e, dim=0)  # F(v) = −log Σ_h e^{−E}
    p_h = torch.softmax(minus_e, dim=0)  # p(h | v), exact
    brute_p = (p_h[:, None] * hs.to(device)).sum(dim=0)  # p(h_j = 1 | v)
    f = rbm.free_energy(v[None]).item()
    p = rbm.hidden_probs(v[None])[0]
    worst_f = max(worst_f, abs(f - brute_f.item()))
    worst_p = max(worst_p, (p - brute_p).abs().max().item())
print(f"{len(vs)} visible x {len(hs)} hidden states: "
      f"free energy ok {worst_f < 1e-5}, sigmoid ok {worst_p < 1e-6}")
#> 64 visible x 16 hidden states: free energy ok True, sigmoid ok True
assert worst_f < 1e-5 and worst_p < 1e-6
