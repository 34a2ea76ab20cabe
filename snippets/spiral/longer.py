import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import make_spiral
from dlnotes.train import accuracy, fit

device = get_device()
torch.manual_seed(12345)
X, y = make_spiral()
X, y = X.to(device), y.to(device)


def relu_net() -> nn.Module:
    torch.manual_seed(0)  # the same initial weights for both runs
    return nn.Sequential(nn.Linear(2, 100), nn.ReLU(), nn.Linear(100, 3)).to(device)


for lr, epochs in [(1e-3, 2000), (1e-2, 1000)]:  # twice as long, or a 10x larger step
    model = relu_net()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=1e-5)
    fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=optimizer, epochs=epochs)
    print(f"lr {lr:g}, {epochs} epochs: accuracy {accuracy(model, X, y):.3f}")
    assert accuracy(model, X, y) >= 0.98
#> lr 0.001, 2000 epochs: accuracy 0.993
#> lr 0.01, 1000 epochs: accuracy 0.999
