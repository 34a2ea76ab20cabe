"""dlnotes.kmeans against scikit-learn's KMeans and brute force (the oracles), and its checks."""

import itertools

import pytest
import torch

from dlnotes.data import make_blobs
from dlnotes.kmeans import KMeansResult, kmeans, kmeans_plus_plus


@pytest.mark.parametrize("k, std, seed", [(3, 0.8, 0), (3, 2.0, 1), (5, 1.0, 2), (2, 1.5, 3)])
def test_lloyd_matches_scikit_learn_from_the_same_start(k: int, std: float, seed: int) -> None:
    # imported here, not above: every test worker collects this module, and scikit-learn takes a second
    from sklearn.cluster import KMeans

    X, _ = make_blobs(60, std=std, seed=seed)
    X = X.double()
    start = kmeans_plus_plus(X, k, seed=seed)
    ours = kmeans(X, k, init=start, max_iter=300)
    theirs = KMeans(k, init=start.numpy(), n_init=1, algorithm="lloyd", tol=0.0, max_iter=300).fit(X.numpy())
    assert ours.converged
    assert ours.labels.tolist() == theirs.labels_.tolist()
    assert torch.allclose(ours.centroids, torch.from_numpy(theirs.cluster_centers_), atol=1e-10)
    assert ours.inertia == pytest.approx(theirs.inertia_, rel=1e-10)


def test_result_is_a_fixed_point_of_both_steps() -> None:
    X, _ = make_blobs(50, std=1.5, seed=4)
    result = kmeans(X, 4, seed=0)
    assert isinstance(result, KMeansResult) and result.converged
    # assign: every label is the nearest centroid (brute force over all of them)
    distances = ((X[:, None, :] - result.centroids[None]) ** 2).sum(dim=2)
    assert torch.equal(result.labels, distances.argmin(dim=1))
    # update: every centroid is the mean of its points
    for j in range(4):
        assert torch.allclose(result.centroids[j], X[result.labels == j].mean(dim=0), atol=1e-5)
    assert result.inertia == pytest.approx(distances.min(dim=1).values.sum().item(), rel=1e-5)


def test_k_means_plus_plus_draws_with_probability_proportional_to_squared_distance() -> None:
    """Three points on a line: the exact probability of every (first, second) pair, by enumeration."""
    X = torch.tensor([[0.0], [1.0], [3.0]])
    exact = {}
    for i, j in itertools.permutations(range(3), 2):
        d2 = ((X - X[i]) ** 2).flatten()
        exact[(i, j)] = (1 / 3) * (d2[j] / d2.sum()).item()
    runs, index = 6000, {0.0: 0, 1.0: 1, 3.0: 2}
    counts = dict.fromkeys(exact, 0)
    for seed in range(runs):
        first, second = kmeans_plus_plus(X, 2, seed=seed).flatten().tolist()
        counts[(index[first], index[second])] += 1
    for pair, p in exact.items():
        assert counts[pair] / runs == pytest.approx(p, abs=0.025), pair


def test_k_means_plus_plus_picks_distinct_data_points() -> None:
    X, _ = make_blobs(20, std=1.0, seed=0)
    C = kmeans_plus_plus(X, 6, seed=1)
    rows = {tuple(row) for row in X.tolist()}
    assert all(tuple(c) in rows for c in C.tolist()) and len({tuple(c) for c in C.tolist()}) == 6


def test_seed_repeats_and_leaves_the_global_generator_alone() -> None:
    X, _ = make_blobs(40, std=2.0, seed=0)
    torch.manual_seed(5)
    before = torch.get_rng_state()
    first = kmeans(X, 4, seed=3)
    assert torch.equal(torch.get_rng_state(), before)
    again = kmeans(X, 4, seed=3)
    assert torch.equal(first.centroids, again.centroids) and torch.equal(first.labels, again.labels)


def test_an_empty_cluster_keeps_its_centroid() -> None:
    X = torch.tensor([[0.0, 0.0], [1.0, 0.0]])
    result = kmeans(X, 2, init=torch.tensor([[0.5, 0.0], [100.0, 0.0]]))
    assert result.centroids.tolist() == [[0.5, 0.0], [100.0, 0.0]]
    assert result.labels.tolist() == [0, 0] and result.converged


def test_max_iter_stops_early() -> None:
    X = torch.tensor([[0.0], [1.0], [2.0], [10.0]])
    result = kmeans(X, 2, init=torch.tensor([[0.0], [1.0]]), max_iter=1)
    assert result.n_iter == 1 and not result.converged
    assert kmeans(X, 2, init=torch.tensor([[0.0], [1.0]])).converged


def test_runs_on_the_device(device) -> None:
    X, y = make_blobs(50, std=0.8, seed=0)
    on_device = kmeans(X.to(device), 3, seed=0)
    on_cpu = kmeans(X, 3, seed=0)
    assert on_device.centroids.device.type == on_device.labels.device.type == device.type
    assert torch.equal(on_device.labels.cpu(), on_cpu.labels)
    assert torch.allclose(on_device.centroids.cpu(), on_cpu.centroids, atol=1e-5)


@pytest.mark.parametrize(
    "X, k, kwargs, error, message",
    [
        ([[0.0, 1.0]], 1, {}, TypeError, "X must be a floating-point torch.Tensor"),
        (torch.tensor([[0, 1]]), 1, {}, TypeError, "X must be a floating-point torch.Tensor"),
        (torch.zeros(3), 1, {}, ValueError, r"X must have shape \(n, d\)"),
        (torch.zeros(3, 2), 4, {}, ValueError, "k must be between 1 and the number of points 3"),
        (torch.zeros(3, 2), 0, {}, ValueError, "k must be between 1"),
        (torch.zeros(3, 2), 2.0, {}, TypeError, "k must be an int"),
        (torch.zeros(3, 2), 2, {"init": "random"}, ValueError, "init must be 'k-means\\+\\+' or a \\(k, d\\) tensor"),
        (torch.zeros(3, 2), 2, {"init": [[0.0, 0.0]]}, TypeError, "init must be 'k-means\\+\\+' or a torch.Tensor"),
        (torch.zeros(3, 2), 2, {"init": torch.zeros(3, 2)}, ValueError, r"init must have shape \(2, 2\)"),
        (torch.zeros(3, 2), 2, {"max_iter": 0}, ValueError, "max_iter must be at least 1"),
        (torch.zeros(3, 2), 2, {"max_iter": 1.5}, TypeError, "max_iter must be an int"),
        (torch.zeros(3, 2), 2, {}, ValueError, "fewer than k=2 distinct points"),
    ],
)
def test_bad_arguments_are_explained(X, k, kwargs, error, message) -> None:
    with pytest.raises(error, match=message):
        kmeans(X, k, seed=0, **kwargs)


@pytest.mark.parametrize(
    "call",
    [
        lambda X, seed: kmeans_plus_plus(X, 2, seed=seed),
        lambda X, seed: kmeans(X, 2, seed=seed),
        lambda X, seed: kmeans(X, 2, init=X[:2], seed=seed),  # checked even where the seed is unused
    ],
    ids=["kmeans_plus_plus", "kmeans", "kmeans-init-tensor"],
)
def test_seed_must_be_an_int_or_none(call) -> None:
    X = torch.tensor([[0.0, 0.0], [1.0, 1.0], [5.0, 5.0]])
    call(X, None)  # None draws from torch's global generator
    for bad, got in (("1", "str"), (1.0, "float"), (False, "bool")):
        with pytest.raises(TypeError, match=f"^seed must be an int or None, got {got}$"):
            call(X, bad)
    with pytest.raises(ValueError, match=r"^seed must be in \[0, 4294967295\], got -1$"):
        call(X, -1)
