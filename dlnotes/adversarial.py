"""Adversarial examples: the fast gradient sign method (FGSM).

A trained classifier can be fooled by a change to its input too small to matter
to a person: move every input coordinate by ``ε`` in the direction that
increases the loss (Goodfellow, Shlens and Szegedy, 2015).

Explained in the chapter "Machine learning at a glance" (docs/ml-overview.md,
section "Unstable and attackable").
"""

from collections.abc import Callable

import torch
from torch import nn

from dlnotes._checks import check_tensor


def fgsm(
    model: nn.Module,
    X: torch.Tensor,
    y: torch.Tensor,
    epsilon: float,
    *,
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor] | None = None,
    clip: tuple[float, float] | None = None,
) -> torch.Tensor:
    """Return adversarial inputs ``x' = x + ε · sign(∇_x L(model(x), y))``.

    Each coordinate moves by exactly ``ε`` (or 0 where the gradient is 0), so
    ``‖x' − x‖_∞ <= ε``; with ``clip=(low, high)`` the result is then clamped to
    that range (e.g. ``(0, 1)`` for pixels), which can only shorten the move.
    The gradient is taken in eval mode with respect to the input alone: the
    model's parameters and their ``.grad`` are left untouched, and the model is
    left in the mode it was in.

    Args:
        model: maps inputs ``(n, ...)`` to class scores ``(n, C)``.
        X: clean inputs, shape ``(n, ...)``, on the model's device.
        y: their labels, shape ``(n,)``, integers in ``[0, C)``.
        epsilon: the step ``ε >= 0`` per coordinate.
        loss_fn: the loss to increase; ``None`` means ``nn.CrossEntropyLoss()``.
        clip: ``(low, high)`` to clamp the result to, or ``None``.

    Returns:
        ``X'``, the same shape, dtype and device as ``X``, without gradient history.

    Raises:
        TypeError: an argument has the wrong type.
        ValueError: ``epsilon < 0``, ``X`` and ``y`` differ in length, or
            ``clip`` is not ``(low, high)`` with ``low < high``.

    Examples:
        >>> model = nn.Linear(2, 2)
        >>> with torch.no_grad():
        ...     _ = model.weight.copy_(torch.tensor([[1.0, 0.0], [0.0, 1.0]])), model.bias.zero_()
        >>> x, y = torch.tensor([[0.6, 0.4]]), torch.tensor([0])   # class 0 by a margin of 0.2
        >>> x_adv = fgsm(model, x, y, 0.15)                        # now class 1 by 0.1
        >>> [round(v, 4) for v in x_adv[0].tolist()], model(x_adv).argmax(dim=1).tolist()
        ([0.45, 0.55], [1])
    """
    if not isinstance(model, nn.Module):
        raise TypeError(f"model must be a torch.nn.Module, got {type(model).__name__}")
    check_tensor("X", X)
    check_tensor("y", y)
    if not X.dtype.is_floating_point:
        raise TypeError(f"X must be floating point, got {X.dtype}")
    if len(X) != len(y):
        raise ValueError(f"X and y must have the same length, got {len(X)} and {len(y)}")
    if isinstance(epsilon, bool) or not isinstance(epsilon, (int, float)):
        raise TypeError(f"epsilon must be a number, got {type(epsilon).__name__}")
    if not epsilon >= 0:  # also rejects NaN
        raise ValueError(f"epsilon must be >= 0, got {epsilon}")
    if clip is not None and (len(clip) != 2 or not clip[0] < clip[1]):
        raise ValueError(f"clip must be (low, high) with low < high, got {clip!r}")
    if loss_fn is None:
        loss_fn = nn.CrossEntropyLoss()

    was_training = model.training
    model.eval()
    try:
        x = X.detach().clone().requires_grad_(True)
        loss = loss_fn(model(x), y)
        (grad,) = torch.autograd.grad(loss, x)
    finally:
        model.train(was_training)
    adversarial = X.detach() + epsilon * grad.sign()
    if clip is not None:
        adversarial = adversarial.clamp(clip[0], clip[1])
    return adversarial
