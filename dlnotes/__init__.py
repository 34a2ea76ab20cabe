"""dlnotes: the small, tested library behind the dlnotes deep-learning notes.

Each module holds one concept and says which chapter explains it.
Importing the package runs nothing.
"""

from dlnotes.device import DEVICE_ENV_VAR, get_device
from dlnotes.seed import set_seed

__all__ = ["DEVICE_ENV_VAR", "get_device", "set_seed"]
__version__ = "0.1.0"
