import torch
from torch import nn

from dlnotes import get_device
from dlnotes.adversarial import fgsm
from dlnotes.data import load_digits
from dlnotes.train import accuracy, fit

device = get_device()
X, y = load_digits(device=device)
order = torch.randperm(len(X), generator=torch.Generator().manual_seed(0)).to(device)
train, test = order[:1297], order[1297:]
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10)).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
fit(model, X[train], y[train], loss_fn=nn.CrossEntropyLoss(), optimizer=optimizer, epochs=100)

X_test, y_test, epsilon = X[test], y[test], 0.1
signs = torch.randint(0, 2, X_test.shape, generator=torch.Generator().manual_seed(1)) * 2.0 - 1
X_random = (X_test + epsilon * signs.to(device)).clamp(0, 1)  # same size, random direction
X_fgsm = fgsm(model, X_test, y_test, epsilon, clip=(0, 1))  # same size, worst direction
results = {name: accuracy(model, data, y_test) for name, data in
           [("clean", X_test), ("random signs", X_random), ("FGSM", X_fgsm)]}
print({name: round(acc, 3) for name, acc in results.items()})
#> {'clean': 0.97, 'random signs': 0.944, 'FGSM': 0.39}
assert results["random signs"] > 0.9 > 0.5 > results["FGSM"]
