import torch
from matplotlib.figure import Figure
from torch import nn

from dlnotes import get_device
from dlnotes.data import load_digits
from dlnotes.train import accuracy, fit

device = get_device()
X, y = load_digits(device=device)
order = torch.randperm(len(X), generator=torch.Generator().manual_seed(0)).to(device)
train, test = order[:1297], order[1297:]

sizes, scores = [20, 50, 100, 200, 400, 800, 1297], []
for n in sizes:  # the same network and recipe, trained on the first n training images
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10)).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    subset = train[:n]
    fit(model, X[subset], y[subset], loss_fn=nn.CrossEntropyLoss(), optimizer=optimizer, epochs=100)
    scores.append(accuracy(model, X[test], y[test]))
    print(f"{n:5d} training images: test accuracy {scores[-1]:.3f}")
#>    20 training images: test accuracy 0.726
#>    50 training images: test accuracy 0.812
#>   100 training images: test accuracy 0.878
#>   200 training images: test accuracy 0.936
#>   400 training images: test accuracy 0.938
#>   800 training images: test accuracy 0.952
#>  1297 training images: test accuracy 0.970
assert scores[0] < 0.8 < 0.95 < scores[-1]

fig = Figure(figsize=(5, 3.2), layout="constrained")
ax = fig.subplots()
ax.plot(sizes, scores, marker="o")
ax.set(xscale="log", xlabel="training images (log scale)", ylabel="test accuracy", ylim=(0.5, 1))
ax.set_xticks(sizes, [str(n) for n in sizes], minor=False)
ax.minorticks_off()
