import torch
from matplotlib.figure import Figure

from dlnotes.data import make_rings
from dlnotes.plot import plot_classes

X, y = make_rings(n_per_class=300, seed=0)  # two rings of 300 points, at random angles
known = torch.tensor([0, 1, 300, 301])  # so these are 2 random points of each ring
labels = torch.full_like(y, -1)  # -1: no label
labels[known] = y[known]  # the only labels we are given

# Labels alone: every point takes the label of the nearest labelled point.
alone = labels[known][torch.cdist(X, X[known]).argmin(dim=1)]

# Pseudo-labelling: label the 5 unlabelled points we are surest about (those nearest
# to a labelled point) with that point's label, then let them label others in turn.
while (labels < 0).any():
    todo, done = (labels < 0).nonzero().flatten(), (labels >= 0).nonzero().flatten()
    distance, nearest = torch.cdist(X[todo], X[done]).min(dim=1)
    surest = distance.argsort()[:5]
    labels[todo[surest]] = labels[done[nearest[surest]]]

unlabelled = labels.new_ones(len(y), dtype=torch.bool).index_fill_(0, known, False)
alone_acc = (alone == y)[unlabelled].float().mean().item()
pseudo_acc = (labels == y)[unlabelled].float().mean().item()
print(f"accuracy on the 596 unlabelled points: labels alone {alone_acc:.3f}, "
      f"with pseudo-labels {pseudo_acc:.3f}")
#> accuracy on the 596 unlabelled points: labels alone 0.619, with pseudo-labels 1.000
assert pseudo_acc >= alone_acc + 0.2

fig = Figure(figsize=(8, 3.8), layout="constrained")
left, right = fig.subplots(1, 2)
plot_classes(X, alone, ax=left, title="4 labels alone (nearest labelled point)")
plot_classes(X, labels, ax=right, title="4 labels + pseudo-labels")
for ax in (left, right):
    ax.scatter(X[known, 0], X[known, 1], c="black", marker="*", s=120, label="labelled")
left.legend(loc="upper right")
