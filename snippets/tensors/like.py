import torch

torch.manual_seed(0)
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64)

y = x.new_ones(2, 3)        # a new shape, but x's dtype and device
print(y)
#> tensor([[1., 1., 1.],
#>         [1., 1., 1.]], dtype=torch.float64)
print(y.dtype, y.device == x.device)
#> torch.float64 True

z = torch.zeros_like(x)     # x's shape, dtype and device, filled with 0
r = torch.randn_like(x)     # x's shape, dtype and device, normal values
print(z.shape, z.dtype, r.shape, r.dtype)
#> torch.Size([2, 2]) torch.float64 torch.Size([2, 2]) torch.float64

# dtype= overrides the inherited type; random normals need a floating type,
# so an integer tensor has to name one.
i = torch.tensor([1, 2, 3])
w = torch.randn_like(i, dtype=torch.float32)
print(w.shape, w.dtype)
#> torch.Size([3]) torch.float32

assert y.shape == (2, 3) and y.dtype == x.dtype
assert r.shape == x.shape and not torch.equal(r, x)
