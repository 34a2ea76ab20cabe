import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import load_digits
from dlnotes.dbn import DBN, sigmoid_network
from dlnotes.train import accuracy, fit

X, y = load_digits(device=get_device())
split = torch.Generator().manual_seed(0)
order = torch.randperm(len(X), generator=split).to(X.device)
train, test = order[:1437], order[1437:]
dbn = DBN([64, 256, 256], seed=0)
# pre-training sees all 1437 images, without labels
dbn.pretrain(X[train], epochs=10, lr=0.05, batch_size=20, momentum=0.9)

for n_labels in [50, 100]:
    labelled = train[:n_labels]  # only these images keep their label
    scores = {}
    nets = {"pre-trained": dbn.to_network(n_classes=10),
            "random init": sigmoid_network([64, 256, 256], n_classes=10)}
    for name, net in nets.items():
        net = net.to(X.device)
        optimizer = torch.optim.SGD(net.parameters(), lr=0.15, momentum=0.9)
        fit(net, X[labelled], y[labelled], loss_fn=nn.CrossEntropyLoss(),
            optimizer=optimizer, epochs=200, batch_size=25)
        scores[name] = accuracy(net, X[test], y[test])
    print(f"{n_labels} labels:",
          {name: round(s, 3) for name, s in scores.items()})
    if n_labels == 50:
        assert scores["pre-trained"] - scores["random init"] > 0.05
#> 50 labels: {'pre-trained': 0.803, 'random init': 0.706}
#> 100 labels: {'pre-trained': 0.856, 'random init': 0.875}
