"""Autoencoders, and principal component analysis (PCA) as their linear baseline.

An autoencoder is trained to reproduce its input: an encoder ``f`` maps an input
``x`` of ``d`` numbers to a code ``z = f(x)`` of ``k`` numbers, a decoder ``g`` maps
the code back, and training minimises the reconstruction error

    L = 1 / (n d) · Σ_i ‖x_i - g(f(x_i))‖²,

the input being its own target. With ``k < d`` the code is a bottleneck, so the
network must keep what matters most about ``x``. With linear ``f`` and ``g`` the
best it can do is PCA with ``k`` components (Eckart–Young), which
[pca][dlnotes.autoencoder.pca] and
[pca_reconstruction_error][dlnotes.autoencoder.pca_reconstruction_error] compute
directly with an SVD.

Explained in the chapter "Autoencoders" (docs/autoencoders.md).
"""

from collections.abc import Callable, Sequence

import torch
from torch import nn

from dlnotes._checks import check_count, check_tensor

__all__ = ["Autoencoder", "pca", "pca_reconstruction_error"]


class Autoencoder(nn.Module):
    """An encoder ``(n, n_in) → (n, k)`` and a mirrored decoder ``(n, k) → (n, n_in)``.

    With ``hidden=None`` both are a single linear layer,

        z = W_e x + b_e,    x̂ = W_d z + b_d,

    a linear autoencoder, which can at best match PCA with ``k`` components. With
    ``hidden=[h_1, ..., h_m]`` the encoder is
    ``n_in → h_1 → ... → h_m → k`` with ``activation`` after every hidden layer,
    and the decoder runs the same widths backwards, ``k → h_m → ... → h_1 → n_in``.
    The code layer and the output layer are linear.

    Args:
        n_in: the input size ``d`` (at least 1).
        k: the code size (at least 1); ``k < n_in`` makes a bottleneck.
        hidden: ``None``, one width, or a sequence of widths (each at least 1).
        activation: makes the non-linearity, called once per hidden layer, e.g.
            ``nn.ReLU`` or ``nn.Tanh``; unused when ``hidden`` is ``None``.

    Raises:
        TypeError: a size is not an ``int``, or ``activation`` does not make an ``nn.Module``.
        ValueError: a size is smaller than 1.

    Examples:
        >>> torch.manual_seed(0)
        <torch._C.Generator object at ...>
        >>> model = Autoencoder(64, 2, hidden=[32])
        >>> x = torch.rand(5, 64)
        >>> tuple(model.encode(x).shape), tuple(model(x).shape)
        ((5, 2), (5, 64))
        >>> [type(m).__name__ for m in model.encoder], [type(m).__name__ for m in model.decoder]
        (['Linear', 'ReLU', 'Linear'], ['Linear', 'ReLU', 'Linear'])
        >>> len(Autoencoder(64, 2).encoder)                  # linear: one layer each way
        1
    """

    def __init__(
        self,
        n_in: int,
        k: int,
        hidden: int | Sequence[int] | None = None,
        activation: Callable[[], nn.Module] = nn.ReLU,
    ) -> None:
        super().__init__()
        check_count("n_in", n_in)
        check_count("k", k)
        if hidden is None:
            widths: list[int] = []
        elif isinstance(hidden, int) and not isinstance(hidden, bool):
            widths = [hidden]
        elif isinstance(hidden, Sequence) and not isinstance(hidden, str):
            widths = list(hidden)
        else:
            raise TypeError(f"hidden must be None, an int or a sequence of ints, got {type(hidden).__name__}")
        for width in widths:
            check_count("each hidden width", width)
        if widths:
            if not callable(activation):
                raise TypeError(f"activation must be callable, e.g. nn.ReLU, got {type(activation).__name__}")
            try:
                probe = activation()
            except TypeError as error:
                raise TypeError(
                    f"activation() must return an nn.Module, e.g. nn.ReLU, but calling it failed: {error}"
                ) from error
            if not isinstance(probe, nn.Module):
                raise TypeError(f"activation() must return an nn.Module, e.g. nn.ReLU, got {type(probe).__name__}")
        self.encoder = _stack([n_in, *widths, k], activation)
        self.decoder = _stack([k, *reversed(widths), n_in], activation)

    def encode(self, x: torch.Tensor) -> torch.Tensor:
        """Return the code ``z = f(x)``, shape ``(n, k)``, of inputs ``x`` ``(n, n_in)``."""
        return self.encoder(x)

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        """Return the reconstruction ``x̂ = g(z)``, shape ``(n, n_in)``, of codes ``z`` ``(n, k)``."""
        return self.decoder(z)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Return ``g(f(x))``: encode, then decode; shape ``(n, n_in)``."""
        return self.decode(self.encode(x))


def _stack(sizes: list[int], activation: Callable[[], nn.Module]) -> nn.Sequential:
    """Linear layers through ``sizes``, with ``activation()`` between them (not after the last)."""
    layers: list[nn.Module] = []
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        if i > 0:
            layers.append(activation())
        layers.append(nn.Linear(a, b))
    return nn.Sequential(*layers)


def _check_data(X: object, k: object) -> None:
    check_tensor("X", X)
    if X.dim() != 2 or X.shape[0] < 2 or X.shape[1] < 1:
        raise ValueError(f"X must have shape (n, d) with n >= 2 and d >= 1, got {tuple(X.shape)}")
    if not X.dtype.is_floating_point:
        raise TypeError(f"X must be a floating-point tensor, got {X.dtype}")
    check_count("k", k, 0)
    if k > X.shape[1]:
        raise ValueError(f"k must be at most the number of columns d = {X.shape[1]}, got {k}")


def _centred_svd(X: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """The mean, singular values and right singular vectors of the centred data, in float64."""
    X64 = X.detach().to(torch.float64)
    mean = X64.mean(dim=0)
    _, S, Vh = torch.linalg.svd(X64 - mean, full_matrices=False)
    return mean, S, Vh


def pca(X: torch.Tensor, k: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Return the mean and the first ``k`` principal components of the rows of ``X``.

    With the centred data ``X - μ = U Σ Vᵀ`` (an SVD, singular values in decreasing
    order), the components are the first ``k`` rows of ``Vᵀ``: orthonormal
    directions of largest variance. A row ``x`` has the code ``z = (x - μ) Vₖ`` and
    the reconstruction ``x̂ = μ + z Vₖᵀ``. Each component's sign is fixed so that
    its largest entry (in absolute value) is positive, so the result repeats.

    Explained in the chapter "Autoencoders" (docs/autoencoders.md, section "PCA").

    Args:
        X: data of shape ``(n, d)``, floating point, ``n >= 2``.
        k: the number of components, ``0 <= k <= d``.

    Returns:
        ``μ`` of shape ``(d,)`` and the components of shape ``(k, d)``, orthonormal
        rows, both in ``X``'s dtype and on its device.

    Raises:
        TypeError: ``X`` is not a floating-point tensor or ``k`` is not an ``int``.
        ValueError: ``X`` is not ``(n, d)`` with ``n >= 2``, or ``k`` is out of range.

    Examples:
        >>> X = torch.tensor([[0.0, 0.0], [2.0, 2.0], [4.0, 4.0]])
        >>> mean, components = pca(X, 1)
        >>> mean.tolist(), [round(c, 4) for c in components[0].tolist()]
        ([2.0, 2.0], [0.7071, 0.7071])
    """
    _check_data(X, k)
    mean, _, Vh = _centred_svd(X)
    components = Vh[:k]
    # The sign of a singular vector is arbitrary: make the largest entry positive.
    if k > 0:
        largest = components.abs().argmax(dim=1, keepdim=True)
        components = components * components.gather(1, largest).sign()
    return mean.to(X.dtype), components.to(X.dtype)


def pca_reconstruction_error(X: torch.Tensor, k: int) -> float:
    """Return the per-entry mean squared error of reconstructing ``X`` from ``k`` principal components.

    By the Eckart–Young theorem this is the smallest error of any reconstruction
    ``x̂ = μ + W z`` with a ``k``-dimensional code, and it equals the sum of the
    discarded squared singular values of the centred data:

        1 / (n d) · Σ_i ‖x_i - x̂_i‖² = 1 / (n d) · Σ_{j > k} σ_j².

    Computed in float64. Explained in the chapter "Autoencoders"
    (docs/autoencoders.md, section "PCA").

    Args:
        X: data of shape ``(n, d)``, floating point, ``n >= 2``.
        k: the number of components, ``0 <= k <= d``; ``k = 0`` keeps only the
            mean, so the error is the average variance of the columns.

    Returns:
        The error as a Python float.

    Raises:
        TypeError: ``X`` is not a floating-point tensor or ``k`` is not an ``int``.
        ValueError: ``X`` is not ``(n, d)`` with ``n >= 2``, or ``k`` is out of range.

    Examples:
        >>> X = torch.tensor([[0.0, 1.0], [2.0, 1.0], [4.0, 1.0]])   # varies along one axis only
        >>> round(pca_reconstruction_error(X, 0), 6), pca_reconstruction_error(X, 1)   # variance 8/3, over 2 columns
        (1.333333, 0.0)
    """
    _check_data(X, k)
    _, S, _ = _centred_svd(X)
    n, d = X.shape
    return (S[k:].pow(2).sum() / (n * d)).item()
