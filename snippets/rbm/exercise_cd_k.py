import itertools

import torch

from dlnotes.rbm import RBM

g = torch.Generator().manual_seed(0)  # the exact-likelihood section's data
patterns = torch.tensor([[1.0, 1, 1, 0, 0, 0], [0.0, 0, 0, 1, 1, 1]])
V = patterns[torch.randint(2, (60,), generator=g)]
V = torch.where(torch.rand(V.shape, generator=g) < 0.05, 1 - V, V)
vs = torch.tensor(list(itertools.product([0.0, 1.0], repeat=6)))


def log_likelihood(rbm):
    log_z = torch.logsumexp(-rbm.free_energy(vs).double(), dim=0)
    return (-rbm.free_energy(V).double().mean() - log_z).item()


results = {}
for name, k, persistent in [("CD-1", 1, False), ("CD-10", 10, False),
                            ("PCD-1", 1, True)]:
    rbm = RBM(6, 4, seed=0)
    rbm.fit(V, epochs=100, lr=0.1, batch_size=10, k=k,
            persistent=persistent)
    results[name] = log_likelihood(rbm)
print(", ".join(f"{name} {value:.3f}" for name, value in results.items()))
#> CD-1 -1.684, CD-10 -1.650, PCD-1 -2.082
# -1.431 is the best possible (the likelihood section)
assert all(-2.3 < value < -1.431 for value in results.values())
