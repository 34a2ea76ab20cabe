import torch

from dlnotes import get_device

device = get_device("auto")  # the GPU when the runtime has one, else the CPU
x = torch.randn(1000, 1000).to(device)  # drawn on the CPU, then moved
y = x @ x.T  # computed where x lives
assert y.device.type == device.type in {"cpu", "cuda"}
print(y.shape, y.dtype)
#> torch.Size([1000, 1000]) torch.float32
