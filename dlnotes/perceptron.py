"""Rosenblatt's perceptron: one neuron with a step activation, and its learning rule.

The perceptron predicts ``ŷ = step(w · x + b)`` and learns one sample at a time:

    w ← w + η (y - ŷ) x,    b ← b + η (y - ŷ)

so a correctly classified sample (``ŷ = y``) changes nothing. This is not gradient
descent: the step function has zero gradient, so the rule is its own loop rather
than `dlnotes.train.fit`.

Explained in the chapter "Neurons and activation functions" (docs/neurons.md,
section "The perceptron").
"""

import math
from dataclasses import dataclass, field

import torch

from dlnotes._checks import check_count, check_tensor
from dlnotes.activations import step

__all__ = ["Perceptron", "train_perceptron"]


@dataclass(frozen=True)
class Perceptron:
    """A perceptron's weights ``w`` ``(d,)`` and bias ``b``, and how its training went.

    ``errors[k]`` is the number of samples that were misclassified (and so caused
    an update) when the rule visited them in epoch ``k``. Training stops after the
    first epoch with no error, so ``errors[-1] == 0`` exactly when it converged.
    """

    w: torch.Tensor
    b: float
    errors: list[int] = field(default_factory=list)

    @property
    def converged(self) -> bool:
        """Whether the last epoch classified every sample correctly."""
        return bool(self.errors) and self.errors[-1] == 0

    def predict(self, X: torch.Tensor) -> torch.Tensor:
        """Return ``step(X @ w + b)``: 0 or 1 for each row of ``X`` ``(n, d)``, shape ``(n,)``.

        Raises:
            TypeError: ``X`` is not a floating-point tensor.
            ValueError: ``X`` is not of shape ``(n, d)`` with ``d = len(w)``.
        """
        _check_inputs(X)
        if X.shape[1] != len(self.w):
            raise ValueError(f"X must have {len(self.w)} columns, one per weight, got shape {tuple(X.shape)}")
        return step(X @ self.w.to(X) + self.b)


def train_perceptron(
    X: torch.Tensor, y: torch.Tensor, *, lr: float = 1.0, epochs: int = 100
) -> Perceptron:
    """Train a perceptron on ``(X, y)`` with the perceptron learning rule.

    Starting from ``w = 0``, ``b = 0``, each epoch visits the samples in order;
    for sample ``(x, y)`` it predicts ``ŷ = step(w · x + b)`` (1 if the sum is
    above 0, else 0) and updates

        w ← w + η (y - ŷ) x,    b ← b + η (y - ŷ)

    It stops after the first epoch without a mistake (the weights can then no
    longer change) or after ``epochs`` epochs. If the two classes can be separated
    by a hyperplane, the perceptron convergence theorem says the number of updates
    is finite; if they cannot (XOR), some sample is misclassified in every epoch.

    Args:
        X: inputs of shape ``(n, d)``, floating point.
        y: labels of shape ``(n,)``, each 0 or 1 (any dtype).
        lr: the learning rate ``η > 0``.
        epochs: the most passes over the data (at least 1).

    Returns:
        A [Perceptron][dlnotes.perceptron.Perceptron] with ``w`` of shape ``(d,)``
        (dtype and device of ``X``), ``b`` and the errors of each epoch.

    Raises:
        TypeError: ``X`` or ``y`` is not a tensor, ``X`` is not floating point,
            or ``lr`` or ``epochs`` has the wrong type.
        ValueError: a shape is wrong, a label is not 0 or 1, ``lr <= 0`` or
            ``epochs < 1``.

    Examples:
        >>> X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
        >>> p = train_perceptron(X, torch.tensor([0, 0, 0, 1]))    # AND
        >>> p.errors, p.converged
        ([1, 3, 3, 2, 1, 0], True)
        >>> p.w.tolist(), p.b, p.predict(X).tolist()
        ([2.0, 1.0], -2.0, [0.0, 0.0, 0.0, 1.0])
    """
    _check_inputs(X)
    check_tensor("y", y)
    if y.shape != (len(X),):
        raise ValueError(f"y must have shape ({len(X)},), one label per row of X, got {tuple(y.shape)}")
    y = y.to(X)
    if not bool(((y == 0) | (y == 1)).all()):
        raise ValueError(f"labels y must be 0 or 1, got the values {sorted(set(y.tolist()))}")
    if isinstance(lr, bool) or not isinstance(lr, (int, float)):
        raise TypeError(f"lr must be a number, got {type(lr).__name__}")
    if not 0 < lr < math.inf:  # also rejects NaN
        raise ValueError(f"lr must be a finite number > 0, got {lr}")
    check_count("epochs", epochs)

    w = torch.zeros(X.shape[1], dtype=X.dtype, device=X.device)
    b = torch.zeros((), dtype=X.dtype, device=X.device)
    errors: list[int] = []
    for _ in range(epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            error = y_i - step(x_i @ w + b)  # 0 if right, +1 or -1 if wrong
            if error != 0:
                w = w + lr * error * x_i
                b = b + lr * error
                mistakes += 1
        errors.append(mistakes)
        if mistakes == 0:
            break
    return Perceptron(w=w, b=b.item(), errors=errors)


def _check_inputs(X: object) -> None:
    check_tensor("X", X)
    if not X.dtype.is_floating_point:
        raise TypeError(f"X must be a floating-point tensor, got {X.dtype}: convert it with X.float()")
    if X.dim() != 2 or len(X) == 0:
        raise ValueError(f"X must have shape (n, d) with n >= 1, got {tuple(X.shape)}")
