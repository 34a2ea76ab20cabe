from dlnotes.data import make_blobs
from dlnotes.kmeans import kmeans

# No labels: we must choose k ourselves.
X, _ = make_blobs(n_per_class=100, std=0.8, seed=0)
inertia = {k: kmeans(X, k, seed=0).inertia for k in range(1, 7)}
print({k: round(j) for k, j in inertia.items()})
#> {1: 2056, 2: 1202, 3: 363, 4: 314, 5: 292, 6: 257}
# What one more cluster buys:
drops = [inertia[k - 1] - inertia[k] for k in range(2, 7)]
print("drop from k-1 to k:", {k: round(d) for k, d in zip(range(2, 7), drops)})
#> drop from k-1 to k: {2: 853, 3: 839, 4: 49, 5: 22, 6: 35}
assert all(d > 0 for d in drops)  # more centroids always fit better ...
assert drops[1] > 5 * drops[2]  # ... but after k = 3, little: the elbow
