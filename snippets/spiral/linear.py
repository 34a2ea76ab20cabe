import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import make_spiral
from dlnotes.plot import plot_training
from dlnotes.train import accuracy, fit

device = get_device()
torch.manual_seed(12345)
X, y = make_spiral()  # drawn on the CPU, 3 classes x 1000 points
D, H, C = 2, 100, 3  # input size, hidden width, classes

model = nn.Sequential(  # two linear layers, no activation in between
    nn.Linear(D, H),
    nn.Linear(H, C),
)
model, X, y = model.to(device), X.to(device), y.to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=1e-3, weight_decay=1e-5)
history = fit(model, X, y, loss_fn=nn.CrossEntropyLoss(),
              optimizer=optimizer, epochs=1000)

train_acc = accuracy(model, X, y)  # on the points it was trained on
print(f"loss {history.loss[-1]:.3f}, training accuracy {train_acc:.3f}")
#> loss 0.862, training accuracy 0.504
assert 0.45 <= train_acc <= 0.55  # stuck near one half
fig = plot_training(model, X, y, history, title="linear model, SGD")
