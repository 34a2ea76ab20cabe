import torch

# arange(start, end, step): like Python's range, the end is excluded.
print(torch.arange(5))
#> tensor([0, 1, 2, 3, 4])
print(torch.arange(1, 5))
#> tensor([1, 2, 3, 4])
print(torch.arange(1, 10, 3))
#> tensor([1, 4, 7])
print(torch.arange(0, 1, 0.25))       # a float step gives a float tensor
#> tensor([0.0000, 0.2500, 0.5000, 0.7500])

# linspace(start, end, steps): `steps` is the NUMBER of points, both ends in.
print(torch.linspace(0, 1, steps=5))
#> tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])
print(torch.linspace(-1, 1, 3))
#> tensor([-1.,  0.,  1.])

x = torch.linspace(0, 10, steps=11)
assert x.shape == (11,) and x[0] == 0 and x[-1] == 10
assert torch.equal(x, torch.arange(11, dtype=torch.float32))
