import torch

t = torch.tensor([0.0, torch.pi / 6, torch.pi / 3])   # angles in radians
print(torch.sin(t).round(decimals=4))
#> tensor([0.0000, 0.5000, 0.8660])
print(torch.cos(t).round(decimals=4))
#> tensor([1.0000, 0.8660, 0.5000])
# The inverse of sin, in units of pi:
print(torch.asin(torch.tensor([0.0, 0.5, 1.0])) / torch.pi)
#> tensor([0.0000, 0.1667, 0.5000])

# atan2(y, x) is the angle of the point (x, y), in (-pi, pi].
# atan(y / x) cannot tell (1, 1) from (-1, -1): both give y / x = 1.
y = torch.tensor([1.0, 1.0, -1.0, -1.0])
x = torch.tensor([1.0, -1.0, -1.0, 1.0])
print(torch.atan2(y, x) / torch.pi)
#> tensor([ 0.2500,  0.7500, -0.7500, -0.2500])
print(torch.atan(y / x) / torch.pi)
#> tensor([ 0.2500, -0.2500,  0.2500, -0.2500])

a = torch.tensor([0.0, 1.0, -1.0])
print(torch.cosh(a).round(decimals=4))  # hyperbolic cosine, an even function
#> tensor([1.0000, 1.5431, 1.5431])

assert torch.allclose(torch.sin(t) ** 2 + torch.cos(t) ** 2, torch.ones(3))
assert torch.allclose(torch.cosh(a), (torch.exp(a) + torch.exp(-a)) / 2)
