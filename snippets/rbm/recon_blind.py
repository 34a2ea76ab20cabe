import itertools
import math

import torch

from dlnotes.rbm import RBM

g = torch.Generator().manual_seed(0)  # the exact-likelihood section's data
patterns = torch.tensor([[1.0, 1, 1, 0, 0, 0], [0.0, 0, 0, 1, 1, 1]])
V = patterns[torch.randint(2, (60,), generator=g)]
V = torch.where(torch.rand(V.shape, generator=g) < 0.05, 1 - V, V)
vs = torch.tensor(list(itertools.product([0.0, 1.0], repeat=6)))


def log_likelihood(rbm):  # exact: log Z sums all 64 states
    log_z = torch.logsumexp(-rbm.free_energy(vs).double(), dim=0)
    return (-rbm.free_energy(V).double().mean() - log_z).item()


def error(rbm):  # the reconstruction error that fit reports
    return (V.to(rbm.W.device) - rbm.reconstruct(V)).pow(2).mean().item()


copier = RBM(6, 6, seed=0)  # hidden unit i copies pixel i
device = copier.W.device
copier.W = (10 * torch.eye(6)).to(device)
copier.b, copier.c = torch.full((6,), -5.0), torch.full((6,), -5.0)
copier.b, copier.c = copier.b.to(device), copier.c.to(device)
moved = (copier.gibbs(V, generator=g).cpu() != V).float().mean().item()
ll = log_likelihood(copier)
print(f"copier: log-lik {ll:.3f}, error {error(copier):.5f}, "
      f"one Gibbs step flips {moved:.1%}")
#> copier: log-lik -4.159, error 0.00005, one Gibbs step flips 1.7%
assert abs(ll + 6 * math.log(2)) < 1e-6  # exactly uniform over 64 states

lls, errors = [], []
for epochs in range(100, 301, 40):  # PCD-1 at lr 0.1, epochs 100 to 300
    rbm = RBM(6, 4, seed=0)  # same seed: each run extends the one before
    errors += rbm.fit(V, epochs=epochs, lr=0.1, persistent=True)[-1:]
    lls.append(log_likelihood(rbm))
print("log-lik:", " ".join(f"{x:.2f}" for x in lls))
print("error:  ", " ".join(f"{x:.4f}" for x in errors))
#> log-lik: -2.08 -1.93 -1.71 -3.17 -2.21 -2.14
#> error:   0.0354 0.0358 0.0355 0.0359 0.0358 0.0357
assert max(lls) - min(lls) > 1 and max(errors) - min(errors) < 0.002
