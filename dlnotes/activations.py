"""Activation functions and their derivatives, written out from their formulas.

Each activation ``f`` acts element-wise on a floating-point tensor ``z`` of any
shape and returns a tensor of the same shape. Each has a partner ``f_derivative``
that computes ``f'(z)`` in closed form, so that a chapter can check what autograd
computes against it. The activations are built from elementary operations (``exp``,
``erf``, comparisons), so autograd derives their gradients by the chain rule rather
than reading them from a table.

Where a function has a kink (``relu`` and ``leaky_relu`` at 0) or a jump (``step``
at 0), the derivative there is not defined; these functions use the value PyTorch's
autograd uses: the derivative from the left (``0`` for ``relu``, ``negative_slope``
for ``leaky_relu``) and ``0`` for ``step``.

Explained in the chapter "Neurons and activation functions" (docs/neurons.md,
section "Activation functions").
"""

import math
from collections.abc import Callable

import torch

from dlnotes._checks import check_tensor

__all__ = [
    "ACTIVATIONS",
    "gelu",
    "gelu_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "step",
    "step_derivative",
    "tanh",
    "tanh_derivative",
]


def _check(z: object) -> None:
    check_tensor("z", z)
    if not z.dtype.is_floating_point:
        raise TypeError(f"z must be a floating-point tensor, got {z.dtype}: convert it with z.float()")


def _check_slope(negative_slope: object) -> None:
    if isinstance(negative_slope, bool) or not isinstance(negative_slope, (int, float)):
        raise TypeError(f"negative_slope must be a number, got {type(negative_slope).__name__}")
    if not 0 <= negative_slope < math.inf:  # also rejects NaN
        raise ValueError(f"negative_slope must be a finite number >= 0, got {negative_slope}")


# -- step ---------------------------------------------------------------------


def step(z: torch.Tensor) -> torch.Tensor:
    """Return the step (threshold) function: 1 where ``z > 0``, else 0.

        step(z) = 1 if z > 0, 0 if z <= 0

    A neuron with this activation fires when its weighted sum exceeds the
    threshold. It is written as ``max(sign(z), 0)``, so autograd sees it: its
    gradient is 0 everywhere, which is why gradient descent cannot train it.

    Args:
        z: floating-point tensor of any shape.

    Returns:
        A tensor of the shape and dtype of ``z``, with values 0 and 1.

    Raises:
        TypeError: ``z`` is not a floating-point tensor.

    Examples:
        >>> step(torch.tensor([-1.0, 0.0, 0.5])).tolist()
        [0.0, 0.0, 1.0]
    """
    _check(z)
    return torch.sign(z).clamp(min=0)


def step_derivative(z: torch.Tensor) -> torch.Tensor:
    """Return the derivative of `step`: 0 everywhere (undefined at the jump, taken as 0).

    Args:
        z: floating-point tensor of any shape.

    Returns:
        Zeros of the shape and dtype of ``z``.

    Raises:
        TypeError: ``z`` is not a floating-point tensor.

    Examples:
        >>> step_derivative(torch.tensor([-1.0, 0.0, 0.5])).tolist()
        [0.0, 0.0, 0.0]
    """
    _check(z)
    return torch.zeros_like(z)


# -- sigmoid and tanh -------------------------------------------------------------


def sigmoid(z: torch.Tensor) -> torch.Tensor:
    """Return the logistic sigmoid, with values in ``(0, 1)``.

        σ(z) = 1 / (1 + e^(-z))

    Computed as ``1 / (1 + e^(-z))`` for ``z >= 0`` and as the equal
    ``e^z / (1 + e^z)`` for ``z < 0``, so that ``exp`` never overflows and the
    gradient stays finite for large ``|z|``.

    Args:
        z: floating-point tensor of any shape.

    Returns:
        ``σ(z)``, same shape and dtype as ``z``.

    Raises:
        TypeError: ``z`` is not a floating-point tensor.

    Examples:
        >>> [round(v, 4) for v in sigmoid(torch.tensor([-1.0, 0.0, 1.0])).tolist()]
        [0.2689, 0.5, 0.7311]
        >>> sigmoid(torch.tensor([-200.0, 200.0])).tolist()
        [0.0, 1.0]
    """
    _check(z)
    e_pos = torch.exp(-z.clamp(min=0))  # e^(-z) where z >= 0 (else 1, unused)
    e_neg = torch.exp(z.clamp(max=0))  # e^z where z < 0 (else 1, unused)
    return torch.where(z >= 0, 1 / (1 + e_pos), e_neg / (1 + e_neg))


def sigmoid_derivative(z: torch.Tensor) -> torch.Tensor:
    """Return the derivative of `sigmoid`, at most 1/4 (at ``z = 0``).

        σ'(z) = σ(z) (1 - σ(z))

    Args:
        z: floating-point tensor of any shape.

    Returns:
        ``σ'(z)``, same shape and dtype as ``z``.

    Raises:
        TypeError: ``z`` is not a floating-point tensor.

    Examples:
        >>> [round(v, 4) for v in sigmoid_derivative(torch.tensor([0.0, 2.0, 5.0])).tolist()]
        [0.25, 0.105, 0.0066]
    """
    s = sigmoid(z)
    return s * (1 - s)


def tanh(z: torch.Tensor) -> torch.Tensor:
    """Return the hyperbolic tangent, with values in ``(-1, 1)``.

        tanh(z) = (e^z - e^(-z)) / (e^z + e^(-z)) = (1 - e^(-2z)) / (1 + e^(-2z))

    Computed with ``m = e^(-2|z|) - 1`` (``torch.expm1``, accurate near 0) as
    ``-m / (2 + m)`` for ``z >= 0`` and ``m / (2 + m)`` for ``z < 0``, so that
    ``exp`` never overflows.

    Args:
        z: floating-point tensor of any shape.

    Returns:
        ``tanh(z)``, same shape and dtype as ``z``.

    Raises:
        TypeError: ``z`` is not a floating-point tensor.

    Examples:
        >>> [round(v, 4) for v in tanh(torch.tensor([-1.0, 0.0, 1.0])).tolist()]
        [-0.7616, 0.0, 0.7616]
        >>> tanh(torch.tensor([-200.0, 200.0])).tolist()
        [-1.0, 1.0]
    """
    _check(z)
    m_pos = torch.expm1(-2 * z.clamp(min=0))  # e^(-2z) - 1 where z >= 0
    m_neg = torch.expm1(2 * z.clamp(max=0))  # e^(2z) - 1 where z < 0
    return torch.where(z >= 0, -m_pos / (2 + m_pos), m_neg / (2 + m_neg))


def tanh_derivative(z: torch.Tensor) -> torch.Tensor:
    """Return the derivative of `tanh`, at most 1 (at ``z = 0``).

        tanh'(z) = 1 - tanh(z)^2

    Args:
        z: floating-point tensor of any shape.

    Returns:
        ``tanh'(z)``, same shape and dtype as ``z``.

    Raises:
        TypeError: ``z`` is not a floating-point tensor.

    Examples:
        >>> [round(v, 4) for v in tanh_derivative(torch.tensor([0.0, 2.0, 5.0])).tolist()]
        [1.0, 0.0707, 0.0002]
    """
    t = tanh(z)
    return 1 - t * t


# -- ReLU and leaky ReLU -----------------------------------------------------------


def relu(z: torch.Tensor) -> torch.Tensor:
    """Return the rectified linear unit: ``z`` where ``z > 0``, else 0.

        ReLU(z) = max(0, z)

    Args:
        z: floating-point tensor of any shape.

    Returns:
        ``ReLU(z)``, same shape and dtype as ``z``.

    Raises:
        TypeError: ``z`` is not a floating-point tensor.

    Examples:
        >>> relu(torch.tensor([-2.0, 0.0, 3.0])).tolist()
        [0.0, 0.0, 3.0]
    """
    _check(z)
    return torch.where(z > 0, z, 0.0)


def relu_derivative(z: torch.Tensor) -> torch.Tensor:
    """Return the derivative of `relu`: 1 where ``z > 0``, else 0 (also at ``z = 0``).

        ReLU'(z) = 1 if z > 0, 0 if z < 0

    Args:
        z: floating-point tensor of any shape.

    Returns:
        ``ReLU'(z)``, same shape and dtype as ``z``.

    Raises:
        TypeError: ``z`` is not a floating-point tensor.

    Examples:
        >>> relu_derivative(torch.tensor([-2.0, 0.0, 3.0])).tolist()
        [0.0, 0.0, 1.0]
    """
    _check(z)
    return (z > 0).to(z.dtype)


def leaky_relu(z: torch.Tensor, negative_slope: float = 0.01) -> torch.Tensor:
    """Return the leaky ReLU: ``z`` where ``z > 0``, else ``negative_slope * z``.

        LeakyReLU(z) = z if z > 0, a z if z <= 0      (a = negative_slope)

    Args:
        z: floating-point tensor of any shape.
        negative_slope: the slope ``a`` for ``z <= 0``, a finite number ``>= 0``
            (PyTorch's default is 0.01; ``a = 0`` gives `relu`).

    Returns:
        ``LeakyReLU(z)``, same shape and dtype as ``z``.

    Raises:
        TypeError: ``z`` is not a floating-point tensor, or ``negative_slope``
            is not a number.
        ValueError: ``negative_slope`` is negative, infinite or NaN.

    Examples:
        >>> [round(v, 4) for v in leaky_relu(torch.tensor([-2.0, 0.0, 3.0]), 0.1).tolist()]
        [-0.2, 0.0, 3.0]
    """
    _check(z)
    _check_slope(negative_slope)
    return torch.where(z > 0, z, negative_slope * z)


def leaky_relu_derivative(z: torch.Tensor, negative_slope: float = 0.01) -> torch.Tensor:
    """Return the derivative of `leaky_relu`: 1 where ``z > 0``, else ``negative_slope``.

        LeakyReLU'(z) = 1 if z > 0, a if z < 0      (taken as a at z = 0)

    Args:
        z: floating-point tensor of any shape.
        negative_slope: the slope ``a`` for ``z <= 0``, a finite number ``>= 0``.

    Returns:
        ``LeakyReLU'(z)``, same shape and dtype as ``z``.

    Raises:
        TypeError: ``z`` is not a floating-point tensor, or ``negative_slope``
            is not a number.
        ValueError: ``negative_slope`` is negative, infinite or NaN.

    Examples:
        >>> [round(v, 4) for v in leaky_relu_derivative(torch.tensor([-2.0, 0.0, 3.0]), 0.1).tolist()]
        [0.1, 0.1, 1.0]
    """
    _check(z)
    _check_slope(negative_slope)
    return torch.where(z > 0, torch.ones_like(z), torch.full_like(z, negative_slope))


# -- GELU ---------------------------------------------------------------------------


def _normal_cdf(z: torch.Tensor) -> torch.Tensor:
    """Φ(z) = (1 + erf(z / √2)) / 2, the standard normal distribution function."""
    return 0.5 * (1 + torch.erf(z / math.sqrt(2)))


def gelu(z: torch.Tensor) -> torch.Tensor:
    """Return the Gaussian error linear unit, exact (erf) form.

        GELU(z) = z Φ(z) = z (1 + erf(z / √2)) / 2

    where ``Φ`` is the distribution function of the standard normal distribution.
    This is ``torch.nn.functional.gelu(z)`` with its default
    ``approximate="none"``; the tanh approximation
    ``0.5 z (1 + tanh(√(2/π) (z + 0.044715 z^3)))`` is a different, nearby function.

    Args:
        z: floating-point tensor of any shape.

    Returns:
        ``GELU(z)``, same shape and dtype as ``z``.

    Raises:
        TypeError: ``z`` is not a floating-point tensor.

    Examples:
        >>> [round(v, 4) for v in gelu(torch.tensor([-1.0, 0.0, 1.0])).tolist()]
        [-0.1587, 0.0, 0.8413]
    """
    _check(z)
    return z * _normal_cdf(z)


def gelu_derivative(z: torch.Tensor) -> torch.Tensor:
    """Return the derivative of `gelu` (exact form).

        GELU'(z) = Φ(z) + z φ(z),   φ(z) = e^(-z²/2) / √(2π)

    Args:
        z: floating-point tensor of any shape.

    Returns:
        ``GELU'(z)``, same shape and dtype as ``z``.

    Raises:
        TypeError: ``z`` is not a floating-point tensor.

    Examples:
        >>> [round(v, 4) for v in gelu_derivative(torch.tensor([-1.0, 0.0, 1.0])).tolist()]
        [-0.0833, 0.5, 1.0833]
    """
    _check(z)
    density = torch.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)
    return _normal_cdf(z) + z * density


ACTIVATIONS: dict[str, tuple[Callable[[torch.Tensor], torch.Tensor], Callable[[torch.Tensor], torch.Tensor]]] = {
    "step": (step, step_derivative),
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
    "leaky_relu": (leaky_relu, leaky_relu_derivative),
    "gelu": (gelu, gelu_derivative),
}
"""Each activation's name mapped to ``(f, f_derivative)``, in the chapter's order
(``leaky_relu`` with its default slope 0.01)."""
