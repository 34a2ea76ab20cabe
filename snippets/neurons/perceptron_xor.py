import torch

from dlnotes.perceptron import train_perceptron

X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y = torch.tensor([0, 1, 1, 0])  # XOR: 1 when exactly one input is 1

p = train_perceptron(X, y, epochs=100)
print(p.errors[:8], "... fewest errors in an epoch:", min(p.errors))
#> [2, 3, 4, 4, 4, 4, 4, 4] ... fewest errors in an epoch: 2
print("correct after 100 epochs:", int((p.predict(X) == y).sum()))
#> correct after 100 epochs: 2

# No line does better: try every line w1 x1 + w2 x2 + b = 0 on a grid.
values = torch.linspace(-2, 2, 41)
lines = torch.cartesian_prod(values, values, values)  # (68921, 3): w1, w2, b
predicted = (lines[:, :2] @ X.T + lines[:, 2:] > 0).long()  # (68921, 4)
best = (predicted == y).sum(dim=1).max().item()
print("best line:", best, "of 4")
#> best line: 3 of 4
assert not p.converged and min(p.errors) >= 1 and best == 3
