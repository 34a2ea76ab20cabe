import torch
from matplotlib.figure import Figure
from torch import nn

from dlnotes import get_device
from dlnotes.data import load_digits
from dlnotes.train import accuracy, fit

device = get_device()
X, y = load_digits(device=device)


def test_accuracy(n, seed):
    """Train the same network, with the same recipe, on n images of the split
    drawn from `seed`; return its accuracy on 500 images it never saw."""
    g = torch.Generator().manual_seed(seed)
    order = torch.randperm(len(X), generator=g).to(device)
    train, test = order[:n], order[1297:]  # at most 1297 training images
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
    model = model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    fit(model, X[train], y[train], loss_fn=nn.CrossEntropyLoss(),
        optimizer=optimizer, epochs=100)
    return accuracy(model, X[test], y[test])


sizes = [20, 50, 100, 200, 400, 800, 1297]
scores = [test_accuracy(n, seed=0) for n in sizes]
for n, score in zip(sizes, scores):
    print(f"{n:5d} training images: test accuracy {score:.3f}")
#>    20 training images: test accuracy 0.726
#>    50 training images: test accuracy 0.812
#>   100 training images: test accuracy 0.878
#>   200 training images: test accuracy 0.936
#>   400 training images: test accuracy 0.938
#>   800 training images: test accuracy 0.952
#>  1297 training images: test accuracy 0.970
assert scores[0] < 0.8 < 0.95 < scores[-1]

# Not luck: four other splits and starting weights, the same order.
others = {n: [test_accuracy(n, seed) for seed in range(1, 5)]
          for n in [20, 200, 1297]}
for n, accs in others.items():
    print(f"{n:5d} images, seeds 1-4: {min(accs):.3f} to {max(accs):.3f}")
#>    20 images, seeds 1-4: 0.600 to 0.776
#>   200 images, seeds 1-4: 0.912 to 0.954
#>  1297 images, seeds 1-4: 0.966 to 0.980
for a, b, c in zip(*others.values()):
    assert a < b < c

fig = Figure(figsize=(5, 3.2), layout="constrained")
ax = fig.subplots()
ax.plot(sizes, scores, marker="o", label="seed 0")
for n, accs in others.items():
    ax.scatter([n] * len(accs), accs, color="gray", s=12,
               label="seeds 1-4" if n == 20 else None)
ax.set(xscale="log", xlabel="training images (log scale)",
       ylabel="test accuracy", ylim=(0.5, 1))
ax.set_xticks(sizes, [str(n) for n in sizes], minor=False)
ax.minorticks_off()
ax.legend(loc="lower right")
