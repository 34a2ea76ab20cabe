import torch

a = torch.ones(2, 3)                        # the shape as separate ints...
b = torch.zeros((2, 3), dtype=torch.int64)  # ...or a tuple; dtype= picks
c = torch.full((2, 2), 7)                   # any constant
print(a)
#> tensor([[1., 1., 1.],
#>         [1., 1., 1.]])
print(b)
#> tensor([[0, 0, 0],
#>         [0, 0, 0]])
print(c)
#> tensor([[7, 7],
#>         [7, 7]])

# torch.empty only reserves memory: its values are whatever was there before,
# so they differ from run to run. Look at its shape, never at its values.
e = torch.empty(2, 3)
print(e.shape, e.dtype)
#> torch.Size([2, 3]) torch.float32
e.fill_(5)                                  # fill it before you use it
assert torch.equal(e, torch.full((2, 3), 5.0))

assert a.dtype == torch.float32             # the default floating type
assert b.dtype == torch.int64 and c.dtype == torch.int64
