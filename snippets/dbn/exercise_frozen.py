import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import load_digits
from dlnotes.dbn import DBN
from dlnotes.train import accuracy, fit

X, y = load_digits(device=get_device())
split = torch.Generator().manual_seed(0)
order = torch.randperm(len(X), generator=split).to(X.device)
train, test = order[:1437], order[1437:]
dbn = DBN([64, 256, 256], seed=0)
dbn.pretrain(X[train], epochs=10, lr=0.05, batch_size=20, momentum=0.9)

net = dbn.to_network(n_classes=10)
for p in net[:4].parameters():
    p.requires_grad_(False)  # the RBM layers stay as pre-training left them
# only the supervised layer learns
optimizer = torch.optim.SGD(net[4].parameters(), lr=0.15, momentum=0.9)
fit(net, X[train], y[train], loss_fn=nn.CrossEntropyLoss(), optimizer=optimizer,
    epochs=10, batch_size=25)
frozen = accuracy(net, X[test], y[test])
print(f"supervised layer only: {frozen:.3f}")
#> supervised layer only: 0.847
assert frozen < 0.95
