import torch
from matplotlib.figure import Figure
from torch import nn

from dlnotes import get_device
from dlnotes.data import load_digits
from dlnotes.dbn import DBN, sigmoid_network
from dlnotes.train import fit

X, y = load_digits(device=get_device())
split = torch.Generator().manual_seed(0)
order = torch.randperm(len(X), generator=split).to(X.device)
train, test = order[:1437], order[1437:]
dbn = DBN([64, 256, 256], seed=0)
dbn.pretrain(X[train], epochs=10, lr=0.05, batch_size=20, momentum=0.9)


def fine_tune(net, epochs=40):
    """Back-propagate through the whole network; test accuracy per epoch."""
    optimizer = torch.optim.SGD(net.parameters(), lr=0.15, momentum=0.9)
    history = fit(net, X[train], y[train], loss_fn=nn.CrossEntropyLoss(),
                  optimizer=optimizer, epochs=epochs, batch_size=25,
                  validation=(X[test], y[test]))
    return history.val_accuracy


pretrained = fine_tune(dbn.to_network(n_classes=10, seed=0))
random_init = fine_tune(
    sigmoid_network([64, 256, 256], n_classes=10, seed=0).to(X.device))
for epoch in [1, 10, 40]:
    pre, rand = pretrained[epoch - 1], random_init[epoch - 1]
    print(f"epoch {epoch}: pre-trained {pre:.3f}, random init {rand:.3f}")
#> epoch 1: pre-trained 0.839, random init 0.103
#> epoch 10: pre-trained 0.969, random init 0.861
#> epoch 40: pre-trained 0.981, random init 0.981
print("random init, epochs 1-6:", [round(a, 2) for a in random_init[:6]])
#> random init, epochs 1-6: [0.1, 0.11, 0.11, 0.11, 0.17, 0.17]
gap = [abs(p - r) for p, r in zip(pretrained, random_init)]
last = max(e + 1 for e in range(40) if gap[e] >= 0.02)  # an epoch number
print(f"the gap stays below 0.02 from epoch {last + 1} on")
#> the gap stays below 0.02 from epoch 27 on
assert max(random_init[:4]) < 0.15  # a plateau near chance (10 classes)
assert pretrained[9] > 0.95 and random_init[9] < 0.9  # 10 epochs: a gap
assert sum(gap[30:]) / 10 < 0.015  # epochs 31 to 40: the gap has closed

fig = Figure(figsize=(5, 3.2), layout="constrained")
ax = fig.subplots()
epochs = range(1, 41)
ax.plot(epochs, pretrained, label="pre-trained (DBN), then fine-tuned")
ax.plot(epochs, random_init, label="random initialisation", linestyle="--")
ax.set(xlabel="epoch of back-propagation", ylabel="test accuracy",
       ylim=(0, 1))
ax.legend(loc="lower right")
