"""Networks built by hand that approximate (or exactly represent) a function of one variable.

The universal approximation theorem says that one hidden layer with enough units
can approximate any continuous function on a closed interval as closely as we
like. The builders here construct such networks explicitly, choosing every weight
from samples of the target ``f`` at the ``n + 1`` knots

    x_i = a + i h,    h = (b - a) / n,    i = 0, 1, ..., n,

and ``tent_map_net`` builds a deep, narrow ReLU network that represents a
sawtooth exactly, which no shallow network of the same size can.

Explained in the chapter "Universal approximation" (docs/approximation.md).
"""

import math
from collections.abc import Callable

import torch
from torch import nn

from dlnotes._checks import check_count

__all__ = ["knots", "relu_interpolant", "sigmoid_staircase", "tent_map_net"]


def _check_interval(a: object, b: object) -> None:
    for name, value in (("a", a), ("b", b)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"{name} must be a number, got {type(value).__name__}")
        if not math.isfinite(value):
            raise ValueError(f"{name} must be finite, got {value}")
    if not a < b:
        raise ValueError(f"the interval [a, b] needs a < b, got a={a}, b={b}")


def knots(n: int, a: float = 0.0, b: float = 1.0) -> torch.Tensor:
    """Return the ``n + 1`` equally spaced knots ``x_i = a + i (b - a) / n`` in float64.

    Args:
        n: the number of intervals (at least 1).
        a: left end of the interval.
        b: right end of the interval, ``b > a``.

    Returns:
        A float64 tensor of shape ``(n + 1,)`` with ``x_0 = a`` and ``x_n = b``.

    Raises:
        TypeError: ``n`` is not an int or ``a``, ``b`` are not numbers.
        ValueError: ``n < 1``, or ``a < b`` does not hold.

    Examples:
        >>> knots(4).tolist()
        [0.0, 0.25, 0.5, 0.75, 1.0]
    """
    check_count("n", n)
    _check_interval(a, b)
    return a + (b - a) * torch.arange(n + 1, dtype=torch.float64) / n


def _samples(f: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor) -> torch.Tensor:
    if not callable(f):
        raise TypeError(f"f must be callable, mapping a tensor of points to their values, got {type(f).__name__}")
    y = f(x)
    if not isinstance(y, torch.Tensor) or y.shape != x.shape:
        got = tuple(y.shape) if isinstance(y, torch.Tensor) else type(y).__name__
        raise ValueError(f"f must return a tensor of the same shape as its input {tuple(x.shape)}, got {got}")
    if not bool(torch.isfinite(y).all()):
        raise ValueError("f returned a value that is not finite at a knot")
    return y.to(torch.float64)


def _linear(weight: torch.Tensor, bias: torch.Tensor) -> nn.Linear:
    layer = nn.Linear(weight.shape[1], weight.shape[0])
    with torch.no_grad():
        layer.weight.copy_(weight)
        layer.bias.copy_(bias)
    return layer


def sigmoid_staircase(
    f: Callable[[torch.Tensor], torch.Tensor],
    n: int,
    a: float = 0.0,
    b: float = 1.0,
    steepness: float | None = None,
) -> nn.Sequential:
    """Build a one-hidden-layer sigmoid network that is a staircase through ``f``'s samples.

    With knots ``x_i`` (see [knots][dlnotes.approximation.knots]) and the midpoints
    ``m_i = (x_{i-1} + x_i) / 2``, the network is

        g(x) = f(x_0) + Σ_{i=1..n} (f(x_i) - f(x_{i-1})) σ(w (x - m_i)),

    so each of the ``n`` hidden units is a smoothed step of height
    ``f(x_i) - f(x_{i-1})`` at ``m_i``. For large ``w``, ``g`` is about ``f(x_i)``
    on ``[m_i, m_{i+1}]`` and the error on ``[a, b]`` is at most about
    ``max|f'| h / 2``: it falls like ``1 / n``.

    Args:
        f: the target; maps a float64 tensor of shape ``(n + 1,)`` to its values,
            same shape.
        n: the number of hidden units (at least 1).
        a: left end of the interval.
        b: right end, ``b > a``.
        steepness: the slope ``w > 0`` of every sigmoid; ``None`` means
            ``200 n / (b - a)``, i.e. ``w h = 200``.

    Returns:
        ``nn.Sequential(nn.Linear(1, n), nn.Sigmoid(), nn.Linear(n, 1))`` in float32,
        mapping inputs of shape ``(m, 1)`` to outputs of shape ``(m, 1)``.

    Raises:
        TypeError: ``f`` is not callable, or an argument has the wrong type.
        ValueError: ``n < 1``, ``a < b`` does not hold, ``steepness`` is not a
            finite number ``> 0``, or ``f`` returns the wrong shape or a non-finite value.

    Examples:
        >>> net = sigmoid_staircase(lambda x: x**2, 4)
        >>> [round(v, 4) for v in net(torch.tensor([[0.1], [0.3], [0.6], [0.8]])).flatten().tolist()]
        [0.0, 0.0625, 0.25, 0.5625]
    """
    x = knots(n, a, b)
    if steepness is None:
        steepness = 200 * n / (b - a)
    if isinstance(steepness, bool) or not isinstance(steepness, (int, float)):
        raise TypeError(f"steepness must be a number, got {type(steepness).__name__}")
    if not 0 < steepness < math.inf:
        raise ValueError(f"steepness must be a finite number > 0, got {steepness}")
    y = _samples(f, x)
    midpoints = (x[:-1] + x[1:]) / 2
    hidden = _linear(torch.full((n, 1), float(steepness)), -steepness * midpoints)
    output = _linear(torch.diff(y).unsqueeze(0), y[:1])
    return nn.Sequential(hidden, nn.Sigmoid(), output)


def relu_interpolant(
    f: Callable[[torch.Tensor], torch.Tensor], n: int, a: float = 0.0, b: float = 1.0
) -> nn.Sequential:
    """Build a one-hidden-layer ReLU network that interpolates ``f`` linearly between knots.

    With knots ``x_i`` and the slopes ``s_i = (f(x_i) - f(x_{i-1})) / h`` of the
    ``n`` segments, the network is

        g(x) = f(x_0) + s_1 ReLU(x - x_0) + Σ_{i=1..n-1} (s_{i+1} - s_i) ReLU(x - x_i),

    so ``g(x_i) = f(x_i)`` at every knot and ``g`` is linear in between: unit ``i``
    bends the line by the change of slope at ``x_i``. For a twice differentiable
    ``f`` the error on ``[a, b]`` is at most ``max|f''| h² / 8``: it falls like ``1 / n²``.

    Args:
        f: the target; maps a float64 tensor of shape ``(n + 1,)`` to its values,
            same shape.
        n: the number of hidden units, one per segment (at least 1).
        a: left end of the interval.
        b: right end, ``b > a``.

    Returns:
        ``nn.Sequential(nn.Linear(1, n), nn.ReLU(), nn.Linear(n, 1))`` in float32,
        mapping inputs of shape ``(m, 1)`` to outputs of shape ``(m, 1)``.

    Raises:
        TypeError: ``f`` is not callable, or an argument has the wrong type.
        ValueError: ``n < 1``, ``a < b`` does not hold, or ``f`` returns the wrong
            shape or a non-finite value.

    Examples:
        >>> net = relu_interpolant(lambda x: x**2, 4)
        >>> [round(v, 4) for v in net(torch.tensor([[0.25], [0.375], [1.0]])).flatten().tolist()]
        [0.0625, 0.1562, 1.0]
    """
    x = knots(n, a, b)
    y = _samples(f, x)
    slopes = torch.diff(y) / torch.diff(x)
    coefficients = torch.diff(slopes, prepend=slopes.new_zeros(1))  # s_1, s_2 - s_1, ...
    hidden = _linear(torch.ones(n, 1), -x[:-1])
    output = _linear(coefficients.unsqueeze(0), y[:1])
    return nn.Sequential(hidden, nn.ReLU(), output)


def tent_map_net(k: int) -> nn.Sequential:
    """Build a ReLU network of width 2 and depth ``k`` that computes the tent map ``k`` times.

    The tent map ``T(x) = 2x`` for ``x ≤ 1/2`` and ``2 - 2x`` for ``x ≥ 1/2`` folds
    ``[0, 1]`` onto itself; on ``[0, 1]`` it is ``T(x) = 2 ReLU(x) - 4 ReLU(x - 1/2)``.
    Each hidden layer computes ``(ReLU(t), ReLU(t - 1/2))`` of the previous ``t``, so the
    network is exactly

        T^k(x) = 1 - |2 frac(2^(k-1) x) - 1|,    x ∈ [0, 1],

    a sawtooth with ``2^(k-1)`` teeth and ``2^k`` linear pieces, using
    ``6k + 1`` parameters.

    Args:
        k: the number of hidden layers (at least 1).

    Returns:
        An ``nn.Sequential`` of ``k`` blocks ``(nn.Linear, nn.ReLU)`` (the first
        ``Linear(1, 2)``, the rest ``Linear(2, 2)``) and a final ``nn.Linear(2, 1)``,
        mapping inputs of shape ``(m, 1)`` in ``[0, 1]`` to outputs ``(m, 1)``.

    Raises:
        TypeError: ``k`` is not an int.
        ValueError: ``k < 1``.

    Examples:
        >>> net = tent_map_net(2)
        >>> net(torch.tensor([[0.0], [0.25], [0.5], [0.75], [1.0]])).flatten().tolist()
        [0.0, 1.0, 0.0, 1.0, 0.0]
        >>> sum(p.numel() for p in net.parameters())
        13
    """
    check_count("k", k)
    fold = torch.tensor([[2.0, -4.0]])  # T(t) = 2 ReLU(t) - 4 ReLU(t - 1/2)
    split = torch.tensor([0.0, -0.5])
    layers: list[nn.Module] = [_linear(torch.ones(2, 1), split), nn.ReLU()]
    for _ in range(k - 1):
        layers += [_linear(fold.expand(2, 2), split), nn.ReLU()]
    layers.append(_linear(fold, torch.zeros(1)))
    return nn.Sequential(*layers)
