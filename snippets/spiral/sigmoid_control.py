import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import make_spiral
from dlnotes.train import accuracy, fit

device = get_device()
torch.manual_seed(12345)
X, y = make_spiral()
X, y = X.to(device), y.to(device)

loss = {}  # training loss after 500 epochs, for each learning rate
for lr in [1e-2, 2e-2]:  # tanh at the rate of before, then doubled
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 100), nn.Tanh(), nn.Linear(100, 3))
    model = model.to(device)
    adam = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=1e-5)
    fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=adam,
        epochs=500)
    with torch.no_grad():
        loss[lr] = nn.functional.cross_entropy(model(X), y).item()
    train = accuracy(model, X, y)
    print(f"tanh, lr {lr:g}: training accuracy {train:.3f}, "
          f"loss {loss[lr]:.3f}")
    assert train > 0.99
#> tanh, lr 0.01: training accuracy 0.999, loss 0.036
#> tanh, lr 0.02: training accuracy 0.999, loss 0.020
assert loss[2e-2] < 0.75 * loss[1e-2]  # a doubled rate helps tanh too
