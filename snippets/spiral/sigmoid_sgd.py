import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import make_spiral
from dlnotes.train import accuracy, fit


def scaled(k: float):  # the cross-entropy times k: k times every gradient
    return lambda scores, labels: k * nn.functional.cross_entropy(
        scores, labels)


device = get_device()
torch.manual_seed(12345)
X, y = make_spiral()
X, y = X.to(device), y.to(device)

runs = {  # name: (activation, loss scale), all with plain SGD, lr 1
    "sigmoid": (nn.Sigmoid(), 1),
    "sigmoid, loss x4": (nn.Sigmoid(), 4),
    "tanh": (nn.Tanh(), 1),
}
train = {}  # training accuracy after 500 epochs
for name, (activation, k) in runs.items():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 100), activation, nn.Linear(100, 3))
    model = model.to(device)
    sgd = torch.optim.SGD(model.parameters(), lr=1.0, weight_decay=1e-5)
    fit(model, X, y, loss_fn=scaled(k), optimizer=sgd, epochs=500)
    train[name] = accuracy(model, X, y)
    print(f"SGD, {name:16s} training accuracy {train[name]:.3f}")
#> SGD, sigmoid          training accuracy 0.516
#> SGD, sigmoid, loss x4 training accuracy 0.846
#> SGD, tanh             training accuracy 0.959
# SGD's step is lr times the gradient: 4 times the loss, 4 times the steps
assert train["sigmoid, loss x4"] > train["sigmoid"] + 0.2
assert train["tanh"] > train["sigmoid, loss x4"] + 0.05  # not all of it
