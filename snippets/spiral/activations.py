import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import make_spiral
from dlnotes.train import accuracy, fit

device = get_device()
torch.manual_seed(12345)
X, y = make_spiral()
X, y = X.to(device), y.to(device)

train = {}  # training accuracy after 500 epochs
for activation in [nn.Identity(), nn.Sigmoid(), nn.Tanh(), nn.ReLU()]:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 100), activation, nn.Linear(100, 3))
    model = model.to(device)
    adam = torch.optim.Adam(model.parameters(), lr=1e-2, weight_decay=1e-5)
    fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=adam,
        epochs=500)
    train[type(activation).__name__] = accuracy(model, X, y)
print("training accuracy after 500 epochs:")
print({name: round(a, 3) for name, a in train.items()})
#> training accuracy after 500 epochs:
#> {'Identity': 0.506, 'Sigmoid': 0.926, 'Tanh': 0.999, 'ReLU': 0.999}
assert train["Identity"] < 0.6  # no activation: still a linear model
assert train["Sigmoid"] < min(train["Tanh"], train["ReLU"]) - 0.03
assert min(train["Tanh"], train["ReLU"]) > 0.98
