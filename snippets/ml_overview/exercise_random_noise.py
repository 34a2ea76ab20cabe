import torch
from torch import nn

from dlnotes import get_device
from dlnotes.adversarial import fgsm
from dlnotes.data import load_digits
from dlnotes.train import accuracy, fit

device = get_device()
X, y = load_digits(device=device)
g = torch.Generator().manual_seed(0)
order = torch.randperm(len(X), generator=g).to(device)
train, test = order[:1297], order[1297:]
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
model = model.to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
fit(model, X[train], y[train], loss_fn=nn.CrossEntropyLoss(),
    optimizer=optimizer, epochs=100)

X_test, y_test, epsilon = X[test], y[test], 0.1
g = torch.Generator().manual_seed(1)
signs = torch.randint(0, 2, X_test.shape, generator=g) * 2.0 - 1
# The same size, a random direction; then the same size, the worst direction.
X_random = (X_test + epsilon * signs.to(device)).clamp(0, 1)
X_fgsm = fgsm(model, X_test, y_test, epsilon, clip=(0, 1))
inputs = {"clean": X_test, "random signs": X_random, "FGSM": X_fgsm}
results = {name: accuracy(model, data, y_test) for name, data in inputs.items()}
print({name: round(acc, 3) for name, acc in results.items()})
#> {'clean': 0.97, 'random signs': 0.944, 'FGSM': 0.39}
assert results["random signs"] > 0.9 > 0.5 > results["FGSM"]
