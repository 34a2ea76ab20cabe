import torch

# Exercise 3: check the properties of the cross product on random vectors.
torch.manual_seed(0)
a = torch.randn(3, dtype=torch.float64)
b = torch.randn(3, dtype=torch.float64)
c = torch.linalg.cross(a, b)

# 1. c is perpendicular to a and to b.
print(c.dot(a).abs().item() < 1e-12, c.dot(b).abs().item() < 1e-12)
#> True True
# 2. Swapping the factors flips the sign (unlike the dot product).
print(torch.allclose(torch.linalg.cross(b, a), -c))
#> True
# 3. |a x b|^2 = |a|^2 |b|^2 - (a . b)^2  (Lagrange's identity)
lhs = c.dot(c)
rhs = a.dot(a) * b.dot(b) - a.dot(b) ** 2
print(torch.allclose(lhs, rhs))
#> True

# The unit vectors: x cross y = z.
ex, ey, ez = torch.eye(3)
assert torch.equal(torch.linalg.cross(ex, ey), ez)
