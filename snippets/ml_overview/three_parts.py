import torch
from torch import nn

from dlnotes import get_device
from dlnotes.train import fit

device = get_device()
torch.manual_seed(0)
x = torch.rand(100, 1) * 4 - 2  # 100 inputs in [-2, 2)
# The rule to discover, y = 3x + 1, plus noise:
y = 3 * x + 1 + 0.2 * torch.randn(100, 1)
x, y = x.to(device), y.to(device)

model = nn.Linear(1, 1).to(device)  # model: the candidates f(x) = w x + b
loss = nn.MSELoss()  # strategy: judge a candidate by its mean squared error
# algorithm: gradient descent
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
history = fit(model, x, y, loss_fn=loss, optimizer=optimizer, epochs=100)

w, b = model.weight.item(), model.bias.item()
first, last = history.loss[0], history.loss[-1]
print(f"w = {w:.2f}, b = {b:.2f}, loss {first:.2f} -> {last:.3f}")
#> w = 2.97, b = 1.00, loss 21.15 -> 0.032
assert abs(w - 3) < 0.1 and abs(b - 1) < 0.1
