import torch

x = torch.tensor([[1, 2], [3, 4]])  # from nested lists
print(x)
#> tensor([[1, 2],
#>         [3, 4]])
print(x.shape, x.dtype)
#> torch.Size([2, 2]) torch.int64
assert x.shape == (2, 2)
