import torch
from torch import nn

from dlnotes import get_device
from dlnotes.train import fit

device = get_device()
torch.manual_seed(0)
X = torch.rand(200, 2) * 2 - 1  # inputs in the square [-1, 1]^2
y = (X[:, :1] + X[:, 1:]).clamp(min=0)  # target max(0, x1 + x2), (200, 1)
X, y = X.to(device), y.to(device)

for activation in (nn.ReLU(), nn.LeakyReLU(negative_slope=0.01)):
    torch.manual_seed(0)
    neuron = nn.Linear(2, 1)
    with torch.no_grad():
        neuron.bias.fill_(-3.0)  # w . x + b < 0 for every input: output 0
    model = nn.Sequential(neuron, activation).to(device)
    before = neuron.weight.detach().cpu().clone()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
    history = fit(model, X, y, loss_fn=nn.MSELoss(), optimizer=optimizer,
                  epochs=300)
    moved = not torch.equal(neuron.weight.detach().cpu(), before)
    first, last = history.loss[0], history.loss[-1]
    name = type(activation).__name__
    print(f"{name}: loss {first:.3f} -> {last:.3f}, weights moved: {moved}")
    leaky = isinstance(activation, nn.LeakyReLU)
    assert moved == (last < 0.01) == leaky
#> ReLU: loss 0.362 -> 0.362, weights moved: False
#> LeakyReLU: loss 0.381 -> 0.000, weights moved: True
