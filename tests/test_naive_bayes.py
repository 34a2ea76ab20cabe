"""dlnotes.naive_bayes.GaussianNaiveBayes against scikit-learn's GaussianNB (the oracle), and sampling."""

import pytest
import torch

from dlnotes.data import make_blobs
from dlnotes.naive_bayes import GaussianNaiveBayes
from dlnotes.train import accuracy


def _data():
    torch.manual_seed(0)
    X = torch.randn(120, 4, dtype=torch.float64) * torch.tensor([1.0, 2.0, 0.5, 3.0]).double()
    y = torch.randint(0, 3, (120,))
    X[y == 1] += 1.5
    X[y == 2, 0] -= 2.0
    return X, y


@pytest.mark.parametrize("var_smoothing", [1e-9, 1e-2])
def test_matches_scikit_learn(var_smoothing: float) -> None:
    # imported here, not above: every test worker collects this module, and scikit-learn takes a second
    from sklearn.naive_bayes import GaussianNB

    X, y = _data()
    ours = GaussianNaiveBayes(var_smoothing=var_smoothing).fit(X, y)
    theirs = GaussianNB(var_smoothing=var_smoothing).fit(X.numpy(), y.numpy())
    assert torch.allclose(ours.mean, torch.from_numpy(theirs.theta_))
    assert torch.allclose(ours.var, torch.from_numpy(theirs.var_))
    assert torch.allclose(ours.log_prior.exp(), torch.from_numpy(theirs.class_prior_))
    X_new = torch.randn(30, 4, dtype=torch.float64) * 2
    assert torch.allclose(ours(X_new), torch.from_numpy(theirs.predict_joint_log_proba(X_new.numpy())))
    assert torch.allclose(ours.predict_proba(X_new), torch.from_numpy(theirs.predict_proba(X_new.numpy())))


def test_samples_follow_the_fitted_distribution() -> None:
    X, y = make_blobs(200, centers=[[0.0, 0.0], [5.0, 1.0]], std=1.0, seed=0)
    nb = GaussianNaiveBayes().fit(X[:300], y[:300])  # 200 of class 0, 100 of class 1
    X_new, y_new = nb.sample(40_000, seed=1)
    assert X_new.shape == (40_000, 2) and y_new.shape == (40_000,)
    assert (y_new == 1).float().mean().item() == pytest.approx(1 / 3, abs=0.01)
    for c in range(2):
        points = X_new[y_new == c]
        assert torch.allclose(points.mean(dim=0), nb.mean[c], atol=0.03)
        assert torch.allclose(points.var(dim=0), nb.var[c], rtol=0.05)
    again, _ = nb.sample(10, seed=1)
    assert torch.equal(again, nb.sample(10, seed=1)[0])


def test_it_is_a_classifier_that_accuracy_understands() -> None:
    X, y = make_blobs(100, std=0.8, seed=0)
    nb = GaussianNaiveBayes().fit(X, y)
    assert accuracy(nb, X, y) > 0.9
    assert list(nb.parameters()) == []  # nothing to train by gradient descent


def test_moves_to_the_device_and_samples_there(device) -> None:
    X, y = make_blobs(50, std=0.8, seed=0)
    nb = GaussianNaiveBayes().fit(X, y).to(device)
    assert nb.mean.device.type == device.type
    X_new, y_new = nb.sample(5, seed=0)
    assert X_new.device.type == y_new.device.type == device.type
    on_cpu = GaussianNaiveBayes().fit(X, y)
    assert torch.equal(nb(X.to(device)).argmax(dim=1).cpu(), on_cpu(X).argmax(dim=1))


Z = torch.zeros(3, 2)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda nb: nb(torch.zeros(2, 2)), RuntimeError, "not fitted"),
        (lambda nb: nb.sample(3), RuntimeError, "not fitted"),
        (lambda nb: nb.fit(Z, torch.tensor([0, 2, 2])), ValueError, r"needs a point; none for \[1\]"),
        (lambda nb: nb.fit(Z, torch.tensor([0.0, 1.0, 1.0])), TypeError, "y must be integer labels"),
        (lambda nb: nb.fit(Z[:, 0], torch.tensor([0, 1, 1])), TypeError, r"X must be .* of shape \(n, d\)"),
        (lambda nb: nb.fit(Z, torch.tensor([-1, 0, 0])), ValueError, "labels 0 .. C-1"),
        (lambda nb: nb.fit(Z, torch.tensor([0, 1, 1])).sample(0), ValueError, "n must be an int >= 1"),
    ],
)
def test_bad_use_is_explained(call, error, message) -> None:
    with pytest.raises(error, match=message):
        call(GaussianNaiveBayes())


def test_bad_smoothing_is_explained() -> None:
    with pytest.raises(ValueError, match="var_smoothing must be >= 0"):
        GaussianNaiveBayes(var_smoothing=-1.0)
    with pytest.raises(TypeError, match="var_smoothing must be a number"):
        GaussianNaiveBayes(var_smoothing="tiny")


def test_sample_seed_must_be_an_int_or_none() -> None:
    nb = GaussianNaiveBayes().fit(Z, torch.tensor([0, 1, 1]))
    nb.sample(3, seed=None)  # None draws from torch's global generator
    for bad, got in (("1", "str"), (1.0, "float"), (True, "bool")):
        with pytest.raises(TypeError, match=f"^seed must be an int or None, got {got}$"):
            nb.sample(3, seed=bad)
    with pytest.raises(ValueError, match=r"^seed must be in \[0, 4294967295\], got 4294967296$"):
        nb.sample(3, seed=2**32)
