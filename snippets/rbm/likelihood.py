import itertools
import math

import torch

from dlnotes.rbm import RBM

g = torch.Generator().manual_seed(0)  # 60 rows: two patterns, 5% flipped
patterns = torch.tensor([[1.0, 1, 1, 0, 0, 0], [0.0, 0, 0, 1, 1, 1]])
V = patterns[torch.randint(2, (60,), generator=g)]
V = torch.where(torch.rand(V.shape, generator=g) < 0.05, 1 - V, V)

bits = [0.0, 1.0]
vs = torch.tensor(list(itertools.product(bits, repeat=6)))  # all 2^6 v


def log_likelihood(rbm):
    """Mean log p(v) = mean(−F(v)) − log Z, log Z = log Σ_v exp(−F(v))."""
    log_z = torch.logsumexp(-rbm.free_energy(vs).double(), dim=0)
    return (-rbm.free_energy(V).double().mean() - log_z).item()


rbm = RBM(6, 4, seed=0)
before = log_likelihood(rbm)
errors = rbm.fit(V, epochs=30, lr=0.1, batch_size=10, k=1)  # CD-1
after = log_likelihood(rbm)
# the best possible: the data's own (empirical) distribution
_, counts = torch.unique(V, dim=0, return_counts=True)
p = counts.double() / len(V)
best = (p * p.log()).sum().item()
print(f"log-likelihood {before:.3f} -> {after:.3f} (best possible {best:.3f})")
#> log-likelihood -4.158 -> -2.912 (best possible -1.431)
print(f"reconstruction error {errors[0]:.3f} -> {errors[-1]:.3f}")
#> reconstruction error 0.245 -> 0.090
uniform = -6 * math.log(2)  # the uniform distribution: 64 equal states
print(f"uniform over 64 states: {uniform:.3f}")
#> uniform over 64 states: -4.159
assert abs(before - uniform) < 0.02  # W ≈ 0: almost uniform, not exactly
assert after - before > 1.0 and best > after
