import torch
from torch import nn

from dlnotes.activations import step

# Two excitatory inputs (w > 0), one inhibitory (w < 0).
w = torch.tensor([0.6, 0.5, -1.0])
theta = 1.0  # threshold: the neuron fires when the weighted sum exceeds it
b = -theta  # so the bias is minus the threshold

X = torch.tensor([[1.0, 0.0, 0.0],  # one excitatory input alone
                  [1.0, 1.0, 0.0],  # both excitatory inputs together
                  [1.0, 1.0, 1.0]])  # both, plus the inhibitory one
z = X @ w + b  # spatial integration: one weighted sum per row, shape (3,)
y = step(z)  # 1 if z > 0, else 0
print([round(v, 2) for v in z.tolist()])
#> [-0.4, 0.1, -0.9]
print(y.tolist())
#> [0.0, 1.0, 0.0]

# The same neuron as a PyTorch layer: nn.Linear(3, 1) computes X @ W.T + b.
layer = nn.Linear(3, 1)
with torch.no_grad():
    layer.weight.copy_(w.reshape(1, 3))
    layer.bias.fill_(b)
assert step(layer(X)).squeeze(1).tolist() == y.tolist() == [0.0, 1.0, 0.0]
