"""The one training loop every chapter uses, and accuracy.

Explained in the chapter "Spiral classification" (docs/spiral.md, section
"Training").
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import torch
from torch import nn

from dlnotes._checks import check_count, check_seed, check_tensor
from dlnotes.progress import progress_bar


@dataclass
class History:
    """What [fit][dlnotes.train.fit] measured, one entry per epoch.

    ``loss`` is the mean loss over the epoch's samples, computed on each batch
    before that batch's update. ``accuracy`` is the fraction of samples whose
    largest output is their label, measured the same way; it is empty when the
    targets are not class labels (regression). ``val_loss`` and ``val_accuracy``
    are measured on the ``validation`` data at the end of each epoch, in eval mode
    without gradients; they are empty when ``fit`` had no validation data.
    """

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)


def accuracy(model: nn.Module, X: torch.Tensor, y: torch.Tensor) -> float:
    """Return the fraction of rows of ``X`` that ``model`` classifies as ``y``.

    The predicted class is ``argmax_k model(X)[i, k]``. The model is evaluated in
    eval mode without gradients and left in the mode it was in.

    Args:
        model: maps ``(n, d)`` inputs to ``(n, C)`` class scores.
        X: inputs of shape ``(n, d)``.
        y: labels of shape ``(n,)``, integers in ``[0, C)``.

    Examples:
        >>> model = nn.Linear(2, 2)
        >>> with torch.no_grad():
        ...     _ = model.weight.copy_(torch.eye(2)), model.bias.zero_()
        >>> accuracy(model, torch.tensor([[1.0, 0.0], [0.0, 1.0], [2.0, 3.0]]), torch.tensor([0, 1, 0]))
        0.6666666666666666
    """
    _check_data(model, X, y)
    if not _is_labels(y):
        raise ValueError(f"labels y must be a 1-D integer tensor, got {y.dtype} of shape {tuple(y.shape)}")
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            scores = model(X)
    finally:
        model.train(was_training)
    return (scores.argmax(dim=1) == y).sum().item() / len(y)


def fit(
    model: nn.Module,
    X: torch.Tensor,
    y: torch.Tensor,
    *,
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
    optimizer: torch.optim.Optimizer,
    epochs: int,
    batch_size: int | None = None,
    shuffle_seed: int = 0,
    validation: tuple[torch.Tensor, torch.Tensor] | None = None,
    progress: bool | None = None,
) -> History:
    """Train ``model`` on ``(X, y)`` and return the loss and accuracy per epoch.

    Each step is ``ŷ = model(X_b)``, ``L = loss_fn(ŷ, y_b)``, then
    ``optimizer.zero_grad(); L.backward(); optimizer.step()``.

    Args:
        model: the network, already on the device of ``X`` and ``y``.
        X: inputs, shape ``(n, ...)``.
        y: targets, shape ``(n, ...)``: class labels (integers) or values.
        loss_fn: e.g. ``nn.CrossEntropyLoss()`` or ``nn.MSELoss()``.
        optimizer: any ``torch.optim`` optimiser over ``model``'s parameters.
        epochs: passes over the data (at least 1).
        batch_size: ``None`` for full-batch training (one step per epoch), else
            the mini-batch size; the order is reshuffled every epoch.
        shuffle_seed: seeds the private generator that shuffles mini-batches, so
            runs repeat; the permutation is drawn on the CPU, as on any device.
        validation: ``(X_val, y_val)`` to measure after every epoch (held-out
            data, never trained on); evaluating does not change the training.
        progress: show a progress bar (epochs, loss, accuracy): a widget in
            Jupyter and Colab, a line on stderr in a terminal, never on stdout.
            ``True`` shows it at once; ``None`` when ``dlnotes.progress.interactive()``
            (a terminal or a notebook kernel; not under pytest, not in the pages'
            runner) once the run has lasted half a second; ``False`` turns it off.

    Returns:
        A [History][dlnotes.train.History].

    Raises:
        TypeError: an argument has the wrong type.
        TypeError: ``progress`` is not ``True``, ``False`` or ``None``.
        ValueError: ``X`` and ``y`` differ in length or device from each other or
            from the model, ``epochs``/``batch_size`` is not positive, or
            ``shuffle_seed`` is outside ``[0, 2**32 - 1]``.

    Examples:
        >>> torch.manual_seed(0)
        <torch._C.Generator object at ...>
        >>> X = torch.randn(64, 3)
        >>> y = (X.sum(dim=1) > 0).long()            # a linearly separable rule
        >>> model = nn.Linear(3, 2)
        >>> sgd = torch.optim.SGD(model.parameters(), lr=0.5)
        >>> history = fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=sgd, epochs=50)
        >>> len(history.loss), history.loss[-1] < history.loss[0], history.accuracy[-1] > 0.9
        (50, True, True)
    """
    _check_data(model, X, y)
    if not isinstance(optimizer, torch.optim.Optimizer):
        raise TypeError(f"optimizer must be a torch.optim.Optimizer, got {type(optimizer).__name__}")
    if not callable(loss_fn):
        raise TypeError("loss_fn must be callable, e.g. nn.CrossEntropyLoss()")
    check_count("epochs", epochs)
    if batch_size is not None:
        check_count("batch_size", batch_size)
    check_seed("shuffle_seed", shuffle_seed)
    if validation is not None:
        if not isinstance(validation, tuple) or len(validation) != 2:
            raise TypeError("validation must be a tuple (X_val, y_val)")
        _check_data(model, *validation)
    classify = _is_labels(y)
    bar = progress_bar(epochs, "fit", progress)
    generator = torch.Generator().manual_seed(shuffle_seed)
    history = History()
    model.train()
    with bar:
        for _ in range(epochs):
            _train_epoch(model, X, y, loss_fn, optimizer, batch_size, generator, classify, history)
            if validation is not None:
                _validate(model, loss_fn, *validation, history)
            if not bar.disable:
                bar.set_postfix_str(_summary(history), refresh=False)
            bar.update()
    return history


def _train_epoch(
    model: nn.Module,
    X: torch.Tensor,
    y: torch.Tensor,
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
    optimizer: torch.optim.Optimizer,
    batch_size: int | None,
    generator: torch.Generator,
    classify: bool,
    history: History,
) -> None:
    """One pass over ``(X, y)``: the updates of one epoch; appends its loss (and accuracy) to ``history``."""
    n = len(X)
    if batch_size is None:
        y_epoch, batches = y, [(X, y)]
    else:
        order = torch.randperm(n, generator=generator).to(X.device)
        y_epoch = y[order] if classify else None  # the labels in the order they are trained on
        batches = [(X[idx], y[idx]) for idx in order.split(batch_size)]
    # Each batch's loss and predictions stay tensors and are read once per epoch:
    # a .item() per batch waits for the device (on a GPU), and comparing and
    # counting per batch cost three more small operations each time.
    losses, sizes, predictions = [], [], []
    for X_b, y_b in batches:
        scores = model(X_b)
        loss = loss_fn(scores, y_b)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.detach())
        sizes.append(len(X_b))
        if classify:
            predictions.append(scores.argmax(dim=1))  # an integer tensor: no autograd graph to keep
    # The same Python-float sum, in the same order, as adding loss.item() * len(X_b)
    # after each batch: tolist() gives exactly the values item() would.
    total_loss = 0.0
    for value, size in zip(torch.stack(losses).reshape(-1).tolist(), sizes):
        total_loss += value * size
    history.loss.append(total_loss / n)
    if classify:
        correct = (torch.cat(predictions) == y_epoch).sum().item()
        history.accuracy.append(correct / n)


def _is_labels(y: torch.Tensor) -> bool:
    """Whether ``y`` holds class labels (a 1-D integer tensor), so accuracy means something."""
    return not y.dtype.is_floating_point and y.dim() == 1


def _validate(model: nn.Module, loss_fn: Callable, X: torch.Tensor, y: torch.Tensor, history: History) -> None:
    model.eval()
    try:
        with torch.no_grad():
            scores = model(X)
            history.val_loss.append(loss_fn(scores, y).item())
    finally:
        model.train()
    if _is_labels(y):
        history.val_accuracy.append((scores.argmax(dim=1) == y).sum().item() / len(y))


def _summary(history: History) -> str:
    """The last epoch's measurements, for the progress bar."""
    parts = [f"loss {history.loss[-1]:.4f}"]
    if history.accuracy:
        parts.append(f"accuracy {history.accuracy[-1]:.3f}")
    if history.val_loss:
        parts.append(f"val_loss {history.val_loss[-1]:.4f}")
    if history.val_accuracy:
        parts.append(f"val_accuracy {history.val_accuracy[-1]:.3f}")
    return "  ".join(parts)


def _check_data(model: nn.Module, X: torch.Tensor, y: torch.Tensor) -> None:
    if not isinstance(model, nn.Module):
        raise TypeError(f"model must be a torch.nn.Module, got {type(model).__name__}")
    check_tensor("X", X)
    check_tensor("y", y)
    if len(X) != len(y):
        raise ValueError(f"X and y must have the same length, got {len(X)} and {len(y)}")
    if X.device != y.device:
        raise ValueError(f"X and y must be on the same device, got {X.device} and {y.device}")
    param = next(model.parameters(), None)
    if param is not None and param.device != X.device:
        raise ValueError(
            f"model is on {param.device} but the data is on {X.device}: move both with .to(device)"
        )
