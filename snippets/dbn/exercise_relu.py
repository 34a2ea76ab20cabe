import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import load_digits
from dlnotes.train import accuracy, fit

X, y = load_digits(device=get_device())
split = torch.Generator().manual_seed(0)
order = torch.randperm(len(X), generator=split).to(X.device)
train, test = order[:1437], order[1437:]

torch.manual_seed(0)  # the weights are drawn on the CPU, then moved
net = nn.Sequential(nn.Linear(64, 256), nn.ReLU(),
                    nn.Linear(256, 256), nn.ReLU(),
                    nn.Linear(256, 10)).to(X.device)
optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
fit(net, X[train], y[train], loss_fn=nn.CrossEntropyLoss(), optimizer=optimizer,
    epochs=10, batch_size=25)
relu = accuracy(net, X[test], y[test])
print(f"ReLU + Adam, random init, 10 epochs: {relu:.3f}")
#> ReLU + Adam, random init, 10 epochs: 0.975
assert relu > 0.95
