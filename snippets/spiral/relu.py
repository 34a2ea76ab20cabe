import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import make_spiral
from dlnotes.plot import plot_training
from dlnotes.train import accuracy, fit

device = get_device()
torch.manual_seed(12345)
X, y = make_spiral()
D, H, C = 2, 100, 3

model = nn.Sequential(  # the same two layers, with a ReLU between them
    nn.Linear(D, H),
    nn.ReLU(),
    nn.Linear(H, C),
)
model, X, y = model.to(device), X.to(device), y.to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-5)
history = fit(model, X, y, loss_fn=nn.CrossEntropyLoss(),
              optimizer=optimizer, epochs=1000)

train_acc = accuracy(model, X, y)
print(f"loss {history.loss[-1]:.3f}, training accuracy {train_acc:.3f}")
#> loss 0.162, training accuracy 0.954
assert train_acc >= 0.92
fig = plot_training(model, X, y, history,
                    title="two-layer ReLU network, Adam")
