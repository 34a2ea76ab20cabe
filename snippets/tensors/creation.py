import torch

# torch.tensor copies a number or (nested) Python lists into a new tensor.
s = torch.tensor(3.5)                                   # scalar: 0 dimensions
v = torch.tensor([1, 2, 3])                             # vector: 1 dimension
m = torch.tensor([[1, 2, 3], [4, 5, 6]])                # matrix: 2 dimensions
t = torch.tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])  # 3-D tensor

for x in (s, v, m, t):
    print(x.dim(), tuple(x.shape), x.dtype)  # dims, shape, element type
#> 0 () torch.float32
#> 1 (3,) torch.int64
#> 2 (2, 3) torch.int64
#> 3 (2, 2, 2) torch.int64

print(m)
#> tensor([[1, 2, 3],
#>         [4, 5, 6]])
print(m.shape, m.dtype, m.device)  # the three facts every tensor carries
#> torch.Size([2, 3]) torch.int64 cpu
print(s.item())                    # a one-element tensor -> a Python number
#> 3.5

assert m.shape == (2, 3) and m.shape[0] == 2 and m.size(1) == 3
# The dtypes were inferred from the data:
assert v.dtype == torch.int64 and s.dtype == torch.float32
