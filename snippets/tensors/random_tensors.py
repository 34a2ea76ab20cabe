import torch

torch.manual_seed(0)       # fix the generator: the same numbers on every run
u = torch.rand(2, 3)       # uniform on [0, 1)
n = torch.randn(2, 3)      # standard normal: mean 0, standard deviation 1
print(u.round(decimals=2))
#> tensor([[0.5000, 0.7700, 0.0900],
#>         [0.1300, 0.3100, 0.6300]])
print(n.round(decimals=2))
#> tensor([[ 1.2600, -0.6900,  0.1600],
#>         [-0.6100, -0.7800,  1.0600]])

torch.manual_seed(0)       # the same seed again repeats the same draw
assert torch.equal(torch.rand(2, 3), u)
assert ((u >= 0) & (u < 1)).all()

big = torch.randn(100_000)  # many samples: mean close to 0, std close to 1
print(f"{big.mean():.3f} {big.std():.3f}")
#> -0.005 1.000
assert abs(big.mean()) < 0.01 and abs(big.std() - 1) < 0.01
