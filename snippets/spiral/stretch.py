import torch
from matplotlib.figure import Figure
from torch import nn

from dlnotes import get_device
from dlnotes.data import make_spiral
from dlnotes.plot import plot_decision_boundary
from dlnotes.train import accuracy, fit

device = get_device()
torch.manual_seed(12345)
X, y = make_spiral()
X, y = X.to(device), y.to(device)
loss_fn = nn.CrossEntropyLoss()

torch.manual_seed(0)
body = nn.Sequential(  # maps each point into a 2-D hidden space
    nn.Linear(2, 100), nn.ReLU(), nn.Linear(100, 2), nn.Tanh())
head = nn.Linear(2, 3)  # a linear classifier on top
model = nn.Sequential(body, head).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2, weight_decay=1e-5)
fit(model, X, y, loss_fn=loss_fn, optimizer=optimizer, epochs=1000)

with torch.no_grad():
    Z = body(X)  # every point's coordinates in the hidden space, (3000, 2)
print(f"linear classifier on the hidden points: {accuracy(head, Z, y):.3f}")
#> linear classifier on the hidden points: 0.999

# For comparison: the best a linear classifier can do on the raw points.
torch.manual_seed(0)
raw = nn.Linear(2, 3).to(device)
adam = torch.optim.Adam(raw.parameters(), lr=1e-2)
fit(raw, X, y, loss_fn=loss_fn, optimizer=adam, epochs=1000)
print(f"linear classifier on the raw points:    {accuracy(raw, X, y):.3f}")
#> linear classifier on the raw points:    0.507
assert accuracy(head, Z, y) >= 0.95 and accuracy(raw, X, y) <= 0.6

fig = Figure(figsize=(8, 3.8), layout="constrained")
left, right = fig.subplots(1, 2)
plot_decision_boundary(raw, X, y, ax=left,
                       title="input space: a linear classifier")
plot_decision_boundary(head, Z, y, ax=right,
                       title="hidden space: the same kind of classifier")
