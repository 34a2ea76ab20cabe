import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import make_spiral
from dlnotes.plot import plot_decision_boundary
from dlnotes.train import accuracy, fit

device = get_device()
torch.manual_seed(12345)
X, y = make_spiral(n_per_class=600, n_classes=6)  # six thinner arms
X, y = X.to(device), y.to(device)

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 100), nn.ReLU(), nn.Linear(100, 6))
model = model.to(device)
adam = torch.optim.Adam(model.parameters(), lr=1e-2, weight_decay=1e-5)
fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=adam, epochs=1000)
print(f"6 classes: training accuracy {accuracy(model, X, y):.3f}")
#> 6 classes: training accuracy 0.993
assert accuracy(model, X, y) >= 0.9
fig = plot_decision_boundary(model, X, y,
                             title="6-class spiral, ReLU network")
