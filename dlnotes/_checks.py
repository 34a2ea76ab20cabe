"""Argument checks shared by the dlnotes modules, so every module says the same thing."""

import torch

MAX_SEED = 2**32 - 1
"""The largest seed: numpy's limit, the narrowest of Python's, numpy's and torch's generators."""


def check_count(name: str, value: object, low: int = 1) -> None:
    """Raise unless ``value`` is an ``int`` (not a ``bool``) of at least ``low``.

    Raises:
        TypeError: ``{name} must be an int, got <type>``.
        ValueError: ``{name} must be at least {low}, got {value}``.
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < low:
        raise ValueError(f"{name} must be at least {low}, got {value}")


def check_nonnegative(name: str, value: object) -> None:
    """Raise unless ``value`` is a real number ``>= 0`` (NaN is rejected).

    Raises:
        TypeError: ``{name} must be a number, got <type>``.
        ValueError: ``{name} must be >= 0, got {value}``.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if not value >= 0:  # also rejects NaN
        raise ValueError(f"{name} must be >= 0, got {value}")


def check_tensor(name: str, value: object) -> None:
    """Raise unless ``value`` is a ``torch.Tensor`` (of any dtype, shape or device).

    Raises:
        TypeError: ``{name} must be a torch.Tensor, got <type>``.
    """
    if not isinstance(value, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {type(value).__name__}")


def check_seed(name: str, value: object, *, optional: bool = False) -> None:
    """Raise unless ``value`` is an ``int`` (not a ``bool``) in ``[0, 2**32 - 1]``, or ``None`` if ``optional``.

    Use ``optional=True`` only where the function documents ``seed=None`` as
    "draw from the global generator" or "seed from the operating system".

    Raises:
        TypeError: ``{name} must be an int, got <type>``; with ``optional=True``,
            ``{name} must be an int or None, got <type>``.
        ValueError: ``{name} must be in [0, 4294967295], got {value}``.
    """
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        expected = "an int or None" if optional else "an int"
        raise TypeError(f"{name} must be {expected}, got {type(value).__name__}")
    if not 0 <= value <= MAX_SEED:
        raise ValueError(f"{name} must be in [0, {MAX_SEED}], got {value}")
