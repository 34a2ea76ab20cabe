import math

import torch

from dlnotes.activations import gelu, gelu_derivative

# Start left of the dip, in float64 for Newton's fast convergence.
z = torch.tensor(-1.0, dtype=torch.float64, requires_grad=True)
path = [z.item()]
for _ in range(5):
    # GELU''(z), by autograd
    (second,) = torch.autograd.grad(gelu_derivative(z), z)
    phi = math.exp(-z.item() ** 2 / 2) / math.sqrt(2 * math.pi)
    # GELU''(z) = φ(z) (2 - z²)
    assert abs(second.item() - phi * (2 - z.item() ** 2)) < 1e-12
    with torch.no_grad():
        z -= gelu_derivative(z) / second  # Newton's step towards GELU' = 0
    path.append(z.item())
print([round(v, 6) for v in path])
#> [-1.0, -0.65568, -0.744815, -0.751748, -0.751792, -0.751792]
print(f"minimum: GELU({z.item():.4f}) = {gelu(z).item():.4f}")
#> minimum: GELU(-0.7518) = -0.1700
# GELU' = 0 and GELU'' > 0 there: a minimum
assert abs(gelu_derivative(z).item()) < 1e-12 and second.item() > 0
