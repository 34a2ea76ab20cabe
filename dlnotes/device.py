"""Pick the device that examples run on: the CPU unless CUDA is asked for.

One switch for the whole project, so that the same chapters and tests run on a
laptop, in CI and on a GPU. Explained in the chapter "PyTorch tensor basics"
(docs/tensors.md, section "Devices").
"""

import os
import re

import torch

DEVICE_ENV_VAR = "DLNOTES_DEVICE"
"""Name of the environment variable read by `get_device`."""

_NAME = re.compile(r"^(?P<type>cpu|cuda|mps|auto)(?::(?P<index>\d+))?$")


def get_device(name: str | None = None) -> torch.device:
    """Return the device to compute on.

    The choice is, in order: ``name`` if given, else the environment variable
    ``DLNOTES_DEVICE``, else ``"cpu"``. ``"auto"`` means CUDA when it is
    available, else the CPU.

    Args:
        name: ``"cpu"``, ``"cuda"``, ``"cuda:N"``, ``"mps"`` or ``"auto"``
            (case and surrounding spaces are ignored), or ``None``.

    Returns:
        A ``torch.device``.

    Raises:
        TypeError: ``name`` is not a string or ``None``.
        ValueError: ``name`` is not one of the accepted names.
        RuntimeError: the device asked for does not exist on this machine.

    Examples:
        >>> get_device("cpu")
        device(type='cpu')
        >>> get_device(" CPU ").type
        'cpu'
        >>> get_device("tpu")
        Traceback (most recent call last):
        ...
        ValueError: unknown device 'tpu': expected 'cpu', 'cuda', 'cuda:N', 'mps' or 'auto'
    """
    source = "argument"
    if name is None:
        name, source = os.environ.get(DEVICE_ENV_VAR, "cpu"), DEVICE_ENV_VAR
    if not isinstance(name, str):
        raise TypeError(f"device name must be a str or None, got {type(name).__name__}")
    match = _NAME.match(name.strip().lower())
    if match is None:
        where = f" (from ${DEVICE_ENV_VAR})" if source == DEVICE_ENV_VAR else ""
        raise ValueError(
            f"unknown device {name!r}{where}: expected 'cpu', 'cuda', 'cuda:N', 'mps' or 'auto'"
        )
    kind, index = match["type"], match["index"]
    if kind == "auto":
        if index is not None:
            raise ValueError(f"'auto' takes no index, got {name!r}")
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if kind == "cpu":
        return torch.device("cpu")
    if kind == "mps":
        if not (hasattr(torch.backends, "mps") and torch.backends.mps.is_available()):
            raise RuntimeError(f"{name!r} was asked for, but this machine has no MPS device")
        return torch.device("mps")
    if not torch.cuda.is_available():
        raise RuntimeError(
            f"{name!r} was asked for (via {source}), but torch.cuda.is_available() is False "
            f"(torch {torch.__version__}, built for CUDA {torch.version.cuda}). "
            f"Unset ${DEVICE_ENV_VAR} or set it to 'cpu' to run on the CPU."
        )
    count = torch.cuda.device_count()
    if index is not None and int(index) >= count:
        raise RuntimeError(f"{name!r} was asked for, but this machine has {count} CUDA device(s)")
    return torch.device("cuda", int(index or 0))
