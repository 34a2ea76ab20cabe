import torch
from torch import nn

from dlnotes import get_device
from dlnotes.train import fit

device = get_device()
k = 6
x = torch.linspace(0, 1, 1025).unsqueeze(1)
target = 1 - (2 * torch.frac(2 ** (k - 1) * x) - 1).abs()  # the same 32-tooth sawtooth
x, target = x.to(device), target.to(device)

torch.manual_seed(0)  # the architecture of tent_map_net(6), but random initial weights
layers = [nn.Linear(1, 2), nn.ReLU()]
for _ in range(k - 1):
    layers += [nn.Linear(2, 2), nn.ReLU()]
deep = nn.Sequential(*layers, nn.Linear(2, 1)).to(device)
history = fit(deep, x, target, loss_fn=nn.MSELoss(), optimizer=torch.optim.Adam(deep.parameters(), lr=0.01), epochs=300)
with torch.no_grad():
    out = deep(x)
    dead = int((deep[1](deep[0](x)).amax(dim=0) == 0).sum())  # units of layer 1 that output 0 for every x
variance = target.var(unbiased=False).item()
print(f"trained deep net: MSE {history.loss[-1]:.4f}, output spread {out.std().item():.4f}")
print(f"predict the mean: MSE {variance:.4f}")
#> trained deep net: MSE 0.0841, output spread 0.0000
#> predict the mean: MSE 0.0841
print(f"dead units in the first hidden layer: {dead} of 2")
#> dead units in the first hidden layer: 2 of 2
assert history.loss[-1] > 0.95 * variance  # gradient descent did not find the exact solution
