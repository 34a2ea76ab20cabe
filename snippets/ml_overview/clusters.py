import torch
from matplotlib.figure import Figure
from sklearn.metrics import adjusted_rand_score

from dlnotes import get_device
from dlnotes.data import make_blobs
from dlnotes.kmeans import kmeans
from dlnotes.plot import plot_classes

# The same 300 points; y is used only to grade.
X, y = make_blobs(n_per_class=100, std=0.8, seed=0)
result = kmeans(X.to(get_device()), k=3, seed=0)  # given X alone, no labels
found, centroids = result.labels.cpu(), result.centroids.cpu()
print(f"converged after {result.n_iter} updates; "
      f"inertia {result.inertia:.1f}")
#> converged after 2 updates; inertia 363.1
# 1 = the same grouping, 0 = no better than chance
ari = adjusted_rand_score(y, found)
print(f"adjusted Rand index against the true groups: {ari:.3f}")
#> adjusted Rand index against the true groups: 0.931
assert result.converged and ari >= 0.9

# Cluster numbers are arbitrary. Only to colour the figure alike, name each
# cluster after the true group that most of its points come from.
name = torch.stack([torch.bincount(y[found == j], minlength=3).argmax()
                    for j in range(3)])
fig = Figure(figsize=(8, 3.8), layout="constrained")
left, right = fig.subplots(1, 2)
plot_classes(X, y, ax=left, title="the true groups (hidden from k-means)")
plot_classes(X, name[found], ax=right, title="the clusters k-means found")
right.scatter(centroids[:, 0], centroids[:, 1], c="black", marker="x", s=80,
              label="centroids")
right.legend(loc="upper right")
