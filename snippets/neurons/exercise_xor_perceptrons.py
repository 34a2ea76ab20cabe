import torch

from dlnotes.perceptron import train_perceptron

X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y_xor = torch.tensor([0, 1, 1, 0])

# Hidden layer: two perceptrons, each trained on its own truth table.
or_unit = train_perceptron(X, torch.tensor([0, 1, 1, 1]))
nand_unit = train_perceptron(X, torch.tensor([1, 1, 1, 0]))
H = torch.stack([or_unit.predict(X), nand_unit.predict(X)], dim=1)  # (4, 2)
print(H.tolist())
#> [[0.0, 1.0], [1.0, 1.0], [1.0, 1.0], [1.0, 0.0]]

# Output layer: a perceptron trained on the hidden outputs, XOR labels.
out_unit = train_perceptron(H, y_xor)
print(out_unit.errors, out_unit.predict(H).tolist())
#> [2, 3, 2, 2, 3, 0] [0.0, 1.0, 1.0, 0.0]
assert out_unit.converged
assert out_unit.predict(H).tolist() == y_xor.float().tolist()  # 4 of 4
