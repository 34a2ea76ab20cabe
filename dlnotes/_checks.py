"""Argument checks shared by the dlnotes modules, so every module says the same thing."""

from __future__ import annotations


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
