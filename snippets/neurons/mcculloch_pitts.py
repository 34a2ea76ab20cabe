import itertools

import torch

from dlnotes.activations import step

theta = 2  # fire when at least theta excitatory inputs are on ...


def mcculloch_pitts(excitatory, inhibitory):
    """... and no inhibitory input is on: inhibition is a veto."""
    return float(sum(excitatory) >= theta and not any(inhibitory))


# All 8 inputs (x1, x2, x3): x1, x2 excitatory, x3 inhibitory.
X = torch.tensor(list(itertools.product([0.0, 1.0], repeat=3)))  # (8, 3)
mp = torch.tensor([mcculloch_pitts(x[:2], x[2:]) for x in X.tolist()])
print("fires for", X[mp == 1].tolist())
#> fires for [[1.0, 1.0, 0.0]]

# The same unit as a weighted neuron: excitatory weights 1, an inhibitory
# weight of -2 that outweighs all the excitation, bias -(theta - 0.5).
w = torch.tensor([1.0, 1.0, -2.0])
weighted = step(X @ w - (theta - 0.5))
assert torch.equal(weighted, mp)  # the same on all 8 inputs
