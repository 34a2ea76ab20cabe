import torch
from torch import nn

from dlnotes import get_device
from dlnotes.train import fit


def narrow_net(k):  # the architecture of tent_map_net(k), random weights
    layers = [nn.Linear(1, 2), nn.ReLU()]
    for _ in range(k - 1):
        layers += [nn.Linear(2, 2), nn.ReLU()]
    return nn.Sequential(*layers, nn.Linear(2, 1))


def dead_units(net, x):  # per hidden layer: units that output 0 for every x
    counts = []
    with torch.no_grad():
        for layer in net[:-1]:
            x = layer(x)
            if isinstance(layer, nn.ReLU):
                counts.append(int((x.amax(dim=0) == 0).sum()))
    return counts


k = 6
x = torch.linspace(0, 1, 1025).unsqueeze(1)
target = 1 - (2 * torch.frac(2 ** (k - 1) * x) - 1).abs()  # the 32 teeth

# 100 random initialisations, no training: how often is a whole layer dead?
whole = 0
for seed in range(100):
    torch.manual_seed(seed)
    whole += 2 in dead_units(narrow_net(k), x)
print(f"a whole layer dead at the start: {whole} of 100 seeds")
#> a whole layer dead at the start: 79 of 100 seeds

device = get_device()
x, target = x.to(device), target.to(device)
torch.manual_seed(0)  # weights drawn on the CPU, then moved
deep = narrow_net(k).to(device)
print(f"dead units per layer, start: {dead_units(deep, x)}")
adam = torch.optim.Adam(deep.parameters(), lr=0.01)
history = fit(deep, x, target, loss_fn=nn.MSELoss(), optimizer=adam,
              epochs=300)
print(f"dead units per layer, end:   {dead_units(deep, x)}")
#> dead units per layer, start: [2, 1, 2, 0, 1, 2]
#> dead units per layer, end:   [2, 1, 2, 0, 1, 2]

deep.zero_grad()
nn.functional.mse_loss(deep(x), target).backward()
moving = [name for name, p in deep.named_parameters() if p.grad.any()]
print(f"parameters with a nonzero gradient: {moving}")
#> parameters with a nonzero gradient: ['12.bias']
variance = target.var(unbiased=False).item()
print(f"trained: MSE {history.loss[-1]:.4f}; predict the mean: {variance:.4f}")
#> trained: MSE 0.0841; predict the mean: 0.0841
assert history.loss[-1] > 0.95 * variance  # no better than a constant
