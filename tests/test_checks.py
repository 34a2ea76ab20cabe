"""dlnotes._checks: the shared argument checks and their messages."""

import pytest
import torch

from dlnotes._checks import MAX_SEED, check_count, check_nonnegative, check_seed, check_tensor


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


def test_check_tensor() -> None:
    check_tensor("X", torch.zeros(2, 3))
    check_tensor("X", torch.tensor(1, dtype=torch.int64))  # any dtype and shape
    for bad, got in (([[0.0]], "list"), (0.5, "float"), (None, "NoneType")):
        with pytest.raises(TypeError, match=f"^X must be a torch.Tensor, got {got}$"):
            check_tensor("X", bad)


@pytest.mark.parametrize("optional", [False, True])
def test_check_seed_accepts_ints_in_range(optional: bool) -> None:
    assert MAX_SEED == 2**32 - 1  # numpy's limit, as set_seed documents
    for good in (0, 1, 12345, 2**32 - 1):
        check_seed("seed", good, optional=optional)


@pytest.mark.parametrize(
    "bad, got", [(True, "bool"), (False, "bool"), (1.0, "float"), ("1", "str"), (torch.tensor(1), "Tensor")]
)
def test_check_seed_rejects_non_ints(bad: object, got: str) -> None:
    with pytest.raises(TypeError, match=f"^seed must be an int, got {got}$"):
        check_seed("seed", bad)
    with pytest.raises(TypeError, match=f"^shuffle_seed must be an int or None, got {got}$"):
        check_seed("shuffle_seed", bad, optional=True)


def test_check_seed_none_only_where_allowed() -> None:
    check_seed("seed", None, optional=True)
    with pytest.raises(TypeError, match="^seed must be an int, got NoneType$"):
        check_seed("seed", None)


@pytest.mark.parametrize("optional", [False, True])
@pytest.mark.parametrize("bad", [-1, -(2**40), 2**32, 2**64])
def test_check_seed_rejects_out_of_range(bad: int, optional: bool) -> None:
    with pytest.raises(ValueError, match=rf"^seed must be in \[0, 4294967295\], got {bad}$"):
        check_seed("seed", bad, optional=optional)
