import torch

from dlnotes import get_device
from dlnotes.data import load_digits
from dlnotes.dbn import DBN, sigmoid_network

X, y = load_digits(device=get_device())
split = torch.Generator().manual_seed(0)
order = torch.randperm(len(X), generator=split).to(X.device)
train = order[:1437]
dbn = DBN([64, 256, 256], seed=0)
dbn.pretrain(X[train], epochs=10, lr=0.05, batch_size=20, momentum=0.9)

nets = {"pre-trained": dbn.to_network(n_classes=10),
        "random init": sigmoid_network([64, 256, 256], n_classes=10)}
spread = {}
with torch.no_grad():
    for name, net in nets.items():
        # what the supervised layer sees, (1437, 256)
        top = net.to(X.device)[:4](X[train])
        # how much a unit varies between images, averaged over the units
        spread[name] = top.std(dim=0).mean().item()
        mean = top.mean().item()
        print(f"{name}: top units {mean:.3f} on average, "
              f"spread over images {spread[name]:.4f}")
#> pre-trained: top units 0.069 on average, spread over images 0.0296
#> random init: top units 0.500 on average, spread over images 0.0053
ratio = spread["pre-trained"] / spread["random init"]
print(f"ratio {ratio:.1f}")
#> ratio 5.6
assert ratio > 4
