import torch

from dlnotes import get_device

device = get_device()          # the CPU, or a GPU when DLNOTES_DEVICE=cuda
x = torch.tensor([[1.0, 2.0],
                  [3.0, 4.0]])  # made on the CPU
print(x.device)
#> cpu

# A copy on `device` (x itself if it is already there):
y = x.to(device)
print(y.device.type == device.type)
#> True
z = y @ y + 1                  # computed where its inputs live
ones = y.new_ones(2)           # new_ones inherits the device too
made_there = torch.zeros(2, device=device)  # or made on the device directly
print(z.device == y.device == ones.device == made_there.device)
#> True

back = z.cpu()                 # back to the CPU: to print, .numpy(), ...
print(back)
#> tensor([[ 8., 11.],
#>         [16., 23.]])

assert torch.equal(back, x @ x + 1)
assert x.device.type == "cpu"   # .to() returned a new tensor; x did not move
