import torch

from dlnotes import get_device

device = get_device()  # the CPU, unless DLNOTES_DEVICE asks for CUDA
torch.manual_seed(0)  # same seed, same numbers, on every run

x = torch.randn(3, 4)  # random data is drawn on the CPU, then moved
w = torch.ones(4, 2)
y = x.to(device) @ w.to(device)  # (3, 4) @ (4, 2) -> (3, 2)
print(tuple(y.shape))
#> (3, 2)
print(y.cpu())  # back on the CPU to print: the output is the same on any device
#> tensor([[-0.3628, -0.3628],
#>         [-1.2417, -1.2417],
#>         [-1.5372, -1.5372]])
expected = x.sum(dim=1, keepdim=True).expand(3, 2)  # w is all ones
assert torch.allclose(y.cpu(), expected, atol=1e-6)
