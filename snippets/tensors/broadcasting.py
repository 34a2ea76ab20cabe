import textwrap

import torch

col = torch.tensor([[1], [2], [3]])     # shape (3, 1)
row = torch.tensor([10, 20, 30, 40])    # shape (4,), read as (1, 4)
s = col + row                           # both stretch to (3, 4)
print(s)
#> tensor([[11, 21, 31, 41],
#>         [12, 22, 32, 42],
#>         [13, 23, 33, 43]])
print(s.shape)
#> torch.Size([3, 4])

print(torch.tensor([1, 2, 3]) * 2)      # a number broadcasts to every element
#> tensor([2, 4, 6])
print(torch.broadcast_shapes((3, 1), (4,)))
#> torch.Size([3, 4])
print(torch.broadcast_shapes((2, 1, 5), (3, 1)))
#> torch.Size([2, 3, 5])

try:
    torch.ones(2, 3) + torch.ones(3, 2)  # 3 vs 2, and neither is 1
except RuntimeError as err:
    print(textwrap.fill(str(err), 72, break_on_hyphens=False))  # wrapped
    #> The size of tensor a (3) must match the size of tensor b (2) at
    #> non-singleton dimension 1

# Broadcasting acts as if each tensor were repeated along its size-1 dims.
assert torch.equal(s, col.expand(3, 4) + row.expand(3, 4))
assert torch.equal(s, col.repeat(1, 4) + row.repeat(3, 1))
