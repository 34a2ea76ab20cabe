"""k-means clustering: Lloyd's algorithm, started from k-means++ or from given centroids.

k-means learns from unlabelled points: it looks for ``k`` centroids ``μ_1 .. μ_k``
that make the within-cluster sum of squares (the *inertia*) small,

    J = Σ_i min_j ‖x_i − μ_j‖².

Explained in the chapter "Machine learning at a glance" (docs/ml-overview.md,
section "Unsupervised learning").
"""

from dataclasses import dataclass

import torch

from dlnotes._checks import check_count, check_seed


@dataclass
class KMeansResult:
    """What [kmeans][dlnotes.kmeans.kmeans] found.

    ``centroids`` has shape ``(k, d)``, ``labels`` shape ``(n,)`` (the index of each
    point's nearest centroid), ``inertia`` is ``J`` for those centroids, ``n_iter``
    counts the centroid updates and ``converged`` says whether the last update
    changed no label.
    """

    centroids: torch.Tensor
    labels: torch.Tensor
    inertia: float
    n_iter: int
    converged: bool


def kmeans_plus_plus(X: torch.Tensor, k: int, *, seed: int | None = None) -> torch.Tensor:
    """Pick ``k`` starting centroids among the rows of ``X`` by k-means++ seeding.

    The first centroid is a point drawn uniformly; each next one is point ``x``
    drawn with probability proportional to ``D(x)²``, its squared distance to the
    nearest centroid chosen so far (Arthur and Vassilvitskii, 2007). Far-away
    points are likely picks, so the start is spread over the data.

    The draws are made on the CPU, so a seed gives the same centroids on every
    device; the result is on ``X``'s device.

    Args:
        X: points of shape ``(n, d)``, floating point.
        k: the number of centroids, ``1 <= k <= n``.
        seed: seed for a private generator; ``None`` draws from torch's global one.

    Returns:
        Centroids of shape ``(k, d)``, each a row of ``X``.

    Raises:
        TypeError: ``X`` is not a floating-point tensor, ``k`` is not an ``int`` or
            ``seed`` is neither an ``int`` nor ``None``.
        ValueError: ``X`` is not ``(n, d)``, ``k`` or ``seed`` is out of range, or ``X``
            has fewer than ``k`` distinct points.

    Examples:
        >>> X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0]])
        >>> C = kmeans_plus_plus(X, 2, seed=0)
        >>> sorted(c[0] for c in C.tolist())   # one centroid in each far-apart pair
        [0.0, 10.0]
    """
    _check_points(X, k)
    check_seed("seed", seed, optional=True)
    generator = None if seed is None else torch.Generator().manual_seed(seed)
    points = X.detach().cpu()
    chosen = [int(torch.randint(len(points), (1,), generator=generator))]
    nearest = (points - points[chosen[0]]).pow(2).sum(dim=1)  # D(x)² so far
    for _ in range(1, k):
        if not nearest.sum() > 0:
            raise ValueError(f"X has fewer than k={k} distinct points")
        chosen.append(int(torch.multinomial(nearest, 1, generator=generator)))
        nearest = torch.minimum(nearest, (points - points[chosen[-1]]).pow(2).sum(dim=1))
    return X[chosen].detach().clone()


def kmeans(
    X: torch.Tensor,
    k: int,
    *,
    init: str | torch.Tensor = "k-means++",
    max_iter: int = 100,
    seed: int | None = None,
) -> KMeansResult:
    """Cluster the rows of ``X`` into ``k`` groups with Lloyd's algorithm.

    Starting from centroids ``μ_1 .. μ_k``, repeat two steps until no label changes
    (or ``max_iter`` updates):

        assign:  c_i = argmin_j ‖x_i − μ_j‖²
        update:  μ_j = mean of the points with c_i = j

    Neither step can increase ``J = Σ_i ‖x_i − μ_{c_i}‖²``, so the algorithm stops,
    at a local minimum that depends on the start. A centroid that loses all its
    points keeps its place.

    Args:
        X: points of shape ``(n, d)``, floating point, on any device.
        k: the number of clusters, ``1 <= k <= n``.
        init: ``"k-means++"`` (see [kmeans_plus_plus][dlnotes.kmeans.kmeans_plus_plus])
            or the starting centroids as a ``(k, d)`` tensor.
        max_iter: the most centroid updates (at least 1).
        seed: seeds the k-means++ draws; ignored when ``init`` is a tensor.

    Returns:
        A [KMeansResult][dlnotes.kmeans.KMeansResult]; tensors on ``X``'s device.
        Cluster numbers are arbitrary: compare clusterings with a measure that
        ignores them, such as the adjusted Rand index.

    Raises:
        TypeError: an argument has the wrong type.
        ValueError: a shape or count is out of range, or ``init`` is an unknown name.

    Examples:
        >>> X = torch.tensor([[0.0, 0.0], [0.0, 2.0], [10.0, 0.0], [10.0, 2.0]])
        >>> result = kmeans(X, 2, init=X[[0, 2]])
        >>> result.centroids.tolist(), result.labels.tolist(), result.inertia
        ([[0.0, 1.0], [10.0, 1.0]], [0, 0, 1, 1], 4.0)
    """
    _check_points(X, k)
    check_count("max_iter", max_iter)
    check_seed("seed", seed, optional=True)  # checked even when init is a tensor and the seed unused
    if isinstance(init, str):
        if init != "k-means++":
            raise ValueError(f"init must be 'k-means++' or a (k, d) tensor, got {init!r}")
        centroids = kmeans_plus_plus(X, k, seed=seed)
    elif isinstance(init, torch.Tensor):
        if init.shape != (k, X.shape[1]):
            raise ValueError(f"init must have shape ({k}, {X.shape[1]}), got {tuple(init.shape)}")
        centroids = init.detach().to(device=X.device, dtype=X.dtype).clone()
    else:
        raise TypeError(f"init must be 'k-means++' or a torch.Tensor, got {type(init).__name__}")

    X = X.detach()
    labels = torch.cdist(X, centroids).argmin(dim=1)
    converged, n_iter = False, 0
    while n_iter < max_iter:
        n_iter += 1
        sums = torch.zeros_like(centroids).index_add_(0, labels, X)
        counts = torch.bincount(labels, minlength=k).unsqueeze(1)
        centroids = torch.where(counts > 0, sums / counts.clamp(min=1), centroids)
        new_labels = torch.cdist(X, centroids).argmin(dim=1)
        if torch.equal(new_labels, labels):
            converged = True
            break
        labels = new_labels
    inertia = (X - centroids[labels]).pow(2).sum().item()
    return KMeansResult(centroids, labels, inertia, n_iter, converged)


def _check_points(X: torch.Tensor, k: int) -> None:
    if not isinstance(X, torch.Tensor) or not X.dtype.is_floating_point:
        raise TypeError(f"X must be a floating-point torch.Tensor, got {getattr(X, 'dtype', type(X).__name__)}")
    if X.dim() != 2 or X.shape[0] < 1:
        raise ValueError(f"X must have shape (n, d) with n >= 1, got {tuple(X.shape)}")
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError(f"k must be an int, got {type(k).__name__}")
    if not 1 <= k <= len(X):
        raise ValueError(f"k must be between 1 and the number of points {len(X)}, got {k}")
