import torch

from dlnotes.perceptron import train_perceptron

# The inputs (x1, x2) and the truth tables of two gates.
X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
gates = {"AND": torch.tensor([0, 0, 0, 1]), "OR": torch.tensor([0, 1, 1, 1])}

for name, y in gates.items():
    p = train_perceptron(X, y, lr=1.0)  # starts from w = 0, b = 0
    print(f"{name}: errors per epoch {p.errors}, w = {p.w.tolist()}, b = {p.b}")
    # The last epoch has no mistake: all 4 inputs are right.
    assert p.errors[-1] == 0 and p.predict(X).tolist() == y.float().tolist()
#> AND: errors per epoch [1, 3, 3, 2, 1, 0], w = [2.0, 1.0], b = -2.0
#> OR: errors per epoch [1, 2, 1, 0], w = [1.0, 1.0], b = 0.0
