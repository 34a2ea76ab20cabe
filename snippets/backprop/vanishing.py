import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import load_digits
from dlnotes.probes import grad_norms

device = get_device()
X, y = load_digits(device=device)  # 1,797 images of 64 pixels, 10 classes

torch.manual_seed(0)
widths = [64, 30, 30, 30, 30, 10]
layers = []
for i in range(len(widths) - 1):
    layers += [nn.Linear(widths[i], widths[i + 1]), nn.Sigmoid()]
model = nn.Sequential(*layers[:-1]).to(device)  # no sigmoid after the last layer

nn.functional.cross_entropy(model(X), y).backward()  # one backward pass, no training
norms = list(grad_norms(model).values())  # ‖∂L/∂W_l‖_F, input layer first
print(" ".join(f"{g:.1e}" for g in norms))
#> 2.3e-04 9.8e-04 6.3e-03 5.0e-02 2.8e-01
ratio = norms[0] / norms[-1]
print(f"first / last = {ratio:.1g}")
#> first / last = 0.0008
assert ratio < 0.005 and all(a < b for a, b in zip(norms, norms[1:]))  # smaller at every step back
