"""dlnotes._checks: the shared argument checks and their messages."""

from __future__ import annotations

import pytest

from dlnotes._checks import check_count, check_nonnegative


def test_check_count() -> None:
    check_count("epochs", 1)
    check_count("classes", 2, low=2)
    with pytest.raises(TypeError, match="epochs must be an int, got float"):
        check_count("epochs", 1.0)
    with pytest.raises(TypeError, match="epochs must be an int, got bool"):
        check_count("epochs", True)
    with pytest.raises(ValueError, match="classes must be at least 2, got 1"):
        check_count("classes", 1, low=2)


def test_check_nonnegative() -> None:
    check_nonnegative("noise", 0)
    check_nonnegative("noise", 0.5)
    with pytest.raises(TypeError, match="noise must be a number, got str"):
        check_nonnegative("noise", "0.1")
    for bad in (-0.1, float("nan")):
        with pytest.raises(ValueError, match="noise must be >= 0"):
            check_nonnegative("noise", bad)
