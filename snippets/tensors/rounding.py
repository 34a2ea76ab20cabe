import torch

x = torch.tensor([-2.5, -1.7, 0.5, 1.5, 2.5, 2.7])
print(torch.ceil(x))    # up, towards +infinity
#> tensor([-2., -1.,  1.,  2.,  3.,  3.])
print(torch.floor(x))   # down, towards -infinity
#> tensor([-3., -2.,  0.,  1.,  2.,  2.])
print(torch.trunc(x))   # towards zero: drop the fractional part
#> tensor([-2., -1.,  0.,  1.,  2.,  2.])
print(torch.round(x))   # to the nearest integer; a tie (.5) to the EVEN one
#> tensor([-2., -2.,  0.,  2.,  2.,  3.])

# Keep 2 decimals:
print(torch.round(torch.tensor([3.14159, 2.71828]), decimals=2))
#> tensor([3.1400, 2.7200])

assert torch.equal(torch.round(torch.tensor([0.5, 1.5, 2.5, 3.5])),
                   torch.tensor([0.0, 2.0, 2.0, 4.0]))
assert torch.equal(torch.trunc(x), torch.sign(x) * torch.floor(x.abs()))
