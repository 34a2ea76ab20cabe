"""Gaussian naive Bayes: a generative classifier that models P(X, Y) and can draw new points.

It models the joint distribution as a class prior times a class-conditional
Gaussian with a diagonal covariance (the features are independent given the
class, the "naive" assumption):

    P(x, y = c) = π_c · Π_j N(x_j; μ_cj, σ²_cj).

Classifying uses Bayes' rule, ``argmax_c P(x, y = c)``; sampling draws ``y`` from
``π`` and then ``x`` from the Gaussians of class ``y``.

Explained in the chapter "Machine learning at a glance" (docs/ml-overview.md,
section "Generative and discriminative models").
"""

import math

import torch
from torch import nn

from dlnotes._checks import check_seed


class GaussianNaiveBayes(nn.Module):
    """Fit class priors, means and variances in closed form; score, classify and sample.

    ``forward(X)`` returns the log joint ``log P(x, y = c)`` of shape ``(n, C)``,
    so the predicted class is its ``argmax`` and
    [dlnotes.train.accuracy][dlnotes.train.accuracy] works on the model as on
    any classifier. The fitted values are buffers (``log_prior`` ``(C,)``,
    ``mean`` and ``var`` ``(C, d)``), so ``.to(device)`` moves them; nothing is
    trained by gradient descent.

    Args:
        var_smoothing: added to every variance, times the largest variance of a
            feature over all the data, so that no variance is 0 (scikit-learn's
            ``GaussianNB`` does the same, with the same default).

    Examples:
        >>> X = torch.tensor([[0.0], [2.0], [10.0], [12.0]])
        >>> y = torch.tensor([0, 0, 1, 1])
        >>> nb = GaussianNaiveBayes(var_smoothing=0.0).fit(X, y)
        >>> nb.mean.tolist(), nb.var.tolist(), nb.log_prior.exp().tolist()
        ([[1.0], [11.0]], [[1.0], [1.0]], [0.5, 0.5])
        >>> nb(torch.tensor([[3.0], [9.0]])).argmax(dim=1).tolist()
        [0, 1]
    """

    def __init__(self, var_smoothing: float = 1e-9) -> None:
        super().__init__()
        if isinstance(var_smoothing, bool) or not isinstance(var_smoothing, (int, float)):
            raise TypeError(f"var_smoothing must be a number, got {type(var_smoothing).__name__}")
        if not var_smoothing >= 0:
            raise ValueError(f"var_smoothing must be >= 0, got {var_smoothing}")
        self.var_smoothing = float(var_smoothing)
        self.register_buffer("log_prior", torch.empty(0))
        self.register_buffer("mean", torch.empty(0, 0))
        self.register_buffer("var", torch.empty(0, 0))

    def fit(self, X: torch.Tensor, y: torch.Tensor) -> "GaussianNaiveBayes":
        """Set the maximum-likelihood estimates from ``X`` ``(n, d)`` and labels ``y`` ``(n,)``.

        With ``n_c`` points in class ``c``: ``π_c = n_c / n``, ``μ_c`` their mean and
        ``σ²_c`` their (biased) variance, per feature. Every class ``0 .. C−1``
        must have at least one point. Returns the model itself.
        """
        if not isinstance(X, torch.Tensor) or not X.dtype.is_floating_point or X.dim() != 2:
            raise TypeError("X must be a floating-point torch.Tensor of shape (n, d)")
        if not isinstance(y, torch.Tensor) or y.dtype.is_floating_point or y.shape != (len(X),):
            raise TypeError(f"y must be integer labels of shape ({len(X)},)")
        if len(y) == 0 or int(y.min()) < 0:
            raise ValueError("y must hold labels 0 .. C-1, at least one point")
        counts = torch.bincount(y)
        if (counts == 0).any():
            missing = (counts == 0).nonzero().flatten().tolist()
            raise ValueError(f"every class 0 .. {len(counts) - 1} needs a point; none for {missing}")
        X = X.detach()
        one_hot = nn.functional.one_hot(y, len(counts)).to(X.dtype)  # (n, C)
        n_c = counts.to(X.dtype).unsqueeze(1)
        mean = one_hot.T @ X / n_c
        var = one_hot.T @ (X - mean[y]).pow(2) / n_c
        var = var + self.var_smoothing * X.var(dim=0, unbiased=False).max()
        self.log_prior = (counts.to(X.dtype) / len(y)).log()
        self.mean, self.var = mean, var
        return self

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        """Return ``log P(x, y = c) = log π_c + Σ_j log N(x_j; μ_cj, σ²_cj)``, shape ``(n, C)``."""
        self._check_fitted()
        diff = X.unsqueeze(1) - self.mean  # (n, C, d)
        log_gauss = -0.5 * (diff.pow(2) / self.var + self.var.log() + math.log(2 * math.pi))
        return self.log_prior + log_gauss.sum(dim=2)

    def predict_proba(self, X: torch.Tensor) -> torch.Tensor:
        """Return ``P(y = c | x)`` by Bayes' rule (the joint, normalised over ``c``), shape ``(n, C)``."""
        return self(X).softmax(dim=1)

    def sample(self, n: int, *, seed: int | None = None) -> tuple[torch.Tensor, torch.Tensor]:
        """Draw ``n`` new labelled points from the model: ``y ~ π``, then ``x ~ N(μ_y, diag σ²_y)``.

        Drawn on the CPU (so a seed gives the same points on every device), then
        moved to the model's device.

        Args:
            n: the number of points, at least 1.
            seed: seed for a private generator, an ``int`` in ``[0, 2**32 - 1]``;
                ``None`` draws from torch's global one.

        Returns:
            ``X`` of shape ``(n, d)`` and ``y`` of shape ``(n,)``.
        """
        self._check_fitted()
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise ValueError(f"n must be an int >= 1, got {n!r}")
        check_seed("seed", seed, optional=True)
        generator = None if seed is None else torch.Generator().manual_seed(seed)
        prior, mean, std = self.log_prior.exp().cpu(), self.mean.cpu(), self.var.sqrt().cpu()
        y = torch.multinomial(prior, n, replacement=True, generator=generator)
        X = mean[y] + std[y] * torch.randn(n, mean.shape[1], generator=generator, dtype=mean.dtype)
        return X.to(self.mean.device), y.to(self.mean.device)

    def _check_fitted(self) -> None:
        if self.mean.numel() == 0:
            raise RuntimeError("GaussianNaiveBayes is not fitted: call .fit(X, y) first")
