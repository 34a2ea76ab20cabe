import torch

from dlnotes.activations import step

X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])

# Hidden layer: h1 = OR(x1, x2) fires if x1 + x2 > 0.5,
#               h2 = AND(x1, x2) fires if x1 + x2 > 1.5.
W1 = torch.tensor([[1.0, 1.0],
                   [1.0, 1.0]])
b1 = torch.tensor([-0.5, -1.5])
# Output neuron: "OR but not AND"; h1 excites it, h2 inhibits it.
w2 = torch.tensor([1.0, -1.0])
b2 = -0.5

H = step(X @ W1.T + b1)  # (4, 2): the hidden layer's outputs
y = step(H @ w2 + b2)  # (4,)
print(H.tolist())
#> [[0.0, 0.0], [1.0, 0.0], [1.0, 0.0], [1.0, 1.0]]
print(y.tolist())
#> [0.0, 1.0, 1.0, 0.0]
assert y.tolist() == [0.0, 1.0, 1.0, 0.0]  # XOR: 4 of 4
