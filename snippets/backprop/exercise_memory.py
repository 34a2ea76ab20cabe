import torch
from torch import nn

from dlnotes.data import load_digits

X, y = load_digits()  # 1,797 images of 64 pixels, float32
widths = [64, 30, 30, 30, 30, 10]  # the network of vanishing.py
torch.manual_seed(0)
layers = []
for i in range(len(widths) - 1):
    layers += [nn.Linear(widths[i], widths[i + 1]), nn.Sigmoid()]
model = nn.Sequential(*layers[:-1])

kept = {}


def pack(t):  # called for every tensor saved for the backward pass
    kept[t.untyped_storage().data_ptr()] = t.untyped_storage().nbytes()
    return t


with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
    loss = nn.functional.cross_entropy(model(X), y)
weights = {p.untyped_storage().data_ptr() for p in model.parameters()}
saved = sum(b for ptr, b in kept.items() if ptr not in weights)
n = len(X)
inputs = n * sum(widths[:-1]) * 4  # each linear layer's input, float32
# the loss: log-softmax's output (n, 10), the labels (int64), one scalar
in_loss = n * 10 * 4 + n * 8 + 4
assert saved == inputs + in_loss
size = sum(p.numel() * p.element_size() for p in model.parameters())
print(f"kept: {inputs} + {in_loss} = {saved} bytes; weights {size} bytes")
print(f"activations / weights: {saved / size:.0f}")
#> kept: 1322592 + 86260 = 1408852 bytes; weights 20200 bytes
#> activations / weights: 70
