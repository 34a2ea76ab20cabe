import math

import torch
import torch.nn.functional as F

from dlnotes.activations import gelu, relu

z = torch.linspace(-5, 5, 1001)
normal_cdf = torch.distributions.Normal(0.0, 1.0).cdf  # Φ
# GELU(z) = z Φ(z); PyTorch's default F.gelu is this exact form
assert torch.allclose(gelu(z), z * normal_cdf(z), atol=1e-6)
assert torch.allclose(gelu(z), F.gelu(z), atol=1e-6)

points = torch.tensor([-3.0, -1.0, 0.0, 1.0, 3.0])
print("GELU", [round(v, 4) for v in gelu(points).tolist()])
#> GELU [-0.004, -0.1587, 0.0, 0.8413, 2.996]
print("ReLU", relu(points).tolist())
#> ReLU [0.0, 0.0, 0.0, 1.0, 3.0]

inner = math.sqrt(2 / math.pi) * (z + 0.044715 * z**3)
tanh_form = 0.5 * z * (1 + torch.tanh(inner))
assert torch.allclose(tanh_form, F.gelu(z, approximate="tanh"), atol=1e-6)
gap = (gelu(z) - tanh_form).abs().max().item()
print(f"largest gap between the exact and the tanh form on [-5, 5]: {gap:.4f}")
#> largest gap between the exact and the tanh form on [-5, 5]: 0.0005
assert gap < 1e-3
