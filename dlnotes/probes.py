"""Probes that look inside a network during training: the gradient-norm probe.

Explained in the chapter "Gradients and backpropagation" (docs/backprop.md,
section "Vanishing gradients").
"""

from torch import nn


def grad_norms(model: nn.Module) -> dict[str, float]:
    """Return the Frobenius norm of the gradient of every weight matrix, input layer first.

    After ``loss.backward()``, for each layer ``l`` with a weight matrix ``W_l``
    (a trainable parameter with at least 2 dimensions, such as ``nn.Linear.weight``
    of shape ``(out, in)``):

        ‖∂L/∂W_l‖_F = sqrt(Σ_ij (∂L/∂W_l[i, j])²)

    Biases and other 1-D parameters (such as the gains of ``nn.LayerNorm``) are
    left out, and so are frozen parameters (``requires_grad=False``). The order is
    the order of ``model.named_parameters()``, which for ``nn.Sequential`` is the
    order of the layers.

    Explained in the chapter "Gradients and backpropagation" (docs/backprop.md).

    Args:
        model: a network on which ``loss.backward()`` has been called.

    Returns:
        A dict from parameter name (such as ``"0.weight"``) to its gradient norm,
        a Python float ``>= 0``.

    Raises:
        TypeError: ``model`` is not an ``nn.Module``.
        ValueError: ``model`` has no trainable weight matrix, or a weight has no
            gradient yet (call ``loss.backward()`` first).

    Examples:
        >>> import torch
        >>> model = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1))
        >>> model(torch.ones(4, 2)).sum().backward()
        >>> list(grad_norms(model))
        ['0.weight', '2.weight']
        >>> all(norm > 0 for norm in grad_norms(model).values())
        True
    """
    if not isinstance(model, nn.Module):
        raise TypeError(f"model must be a torch.nn.Module, got {type(model).__name__}")
    norms: dict[str, float] = {}
    for name, p in model.named_parameters():
        if p.dim() < 2 or not p.requires_grad:
            continue
        if p.grad is None:
            raise ValueError(f"parameter {name!r} has no gradient: call loss.backward() before grad_norms")
        norms[name] = p.grad.detach().norm().item()
    if not norms:
        raise ValueError("model has no trainable weight matrix (a parameter with at least 2 dimensions)")
    return norms
