import torch

from dlnotes import get_device
from dlnotes.data import load_digits
from dlnotes.dbn import DBN

X, y = load_digits(device=get_device())
split = torch.Generator().manual_seed(0)
order = torch.randperm(len(X), generator=split).to(X.device)
train, test = order[:1437], order[1437:]  # 80% to train on, 20% held out

dbn = DBN([64, 256, 256], seed=0)  # two RBMs: 64 -> 256 and 256 -> 256
errors = dbn.pretrain(X[train], epochs=10, lr=0.05, batch_size=20,
                      momentum=0.9)  # no labels

V = X[train]
for layer, (rbm, e) in enumerate(zip(dbn.rbms, errors), start=1):
    # the baseline: the error of guessing every unit by its mean
    base = V.var(dim=0, unbiased=False).mean().item()
    ratio = e[-1] / base
    print(f"RBM {layer}: {e[0]:.4f} -> {e[-1]:.4f}, "
          f"baseline {base:.4f}, ratio {ratio:.2f}")
    assert e[-1] < 0.5 * base
    V = rbm.transform(V)  # the next RBM's data
#> RBM 1: 0.0925 -> 0.0300, baseline 0.0732, ratio 0.41
#> RBM 2: 0.0065 -> 0.0019, baseline 0.0060, ratio 0.32
# the top layer's features of the held-out images
print(tuple(dbn.transform(X[test]).shape))
#> (360, 256)
