"""Seed every random number generator an example may use, so reruns repeat.

Explained in the chapter "PyTorch tensor basics" (docs/tensors.md, section
"Random tensors").
"""

import random

import torch

from dlnotes._checks import check_seed


def set_seed(seed: int) -> None:
    """Seed Python's ``random``, NumPy (if installed) and PyTorch (CPU and CUDA).

    Random tensors drawn on the CPU then repeat exactly across runs. Draw random
    data on the CPU and move it to the GPU: a CUDA generator draws other numbers
    from the same seed.

    Args:
        seed: an integer in ``[0, 2**32 - 1]``.

    Raises:
        TypeError: ``seed`` is not an ``int``.
        ValueError: ``seed`` is out of range.

    Examples:
        >>> set_seed(0)
        >>> first = torch.rand(3).tolist()
        >>> set_seed(0)
        >>> torch.rand(3).tolist() == first
        True
        >>> set_seed(-1)
        Traceback (most recent call last):
        ...
        ValueError: seed must be in [0, 4294967295], got -1
    """
    check_seed("seed", seed)
    random.seed(seed)
    try:
        import numpy as np
    except ImportError:  # numpy is optional for seeding
        pass
    else:
        np.random.seed(seed)
    torch.manual_seed(seed)  # also seeds every CUDA device
