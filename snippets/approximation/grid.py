import math

import torch
from matplotlib.figure import Figure

torch.manual_seed(6)
A = torch.randn(2, 2)  # a random linear map of the plane
b = torch.randn(2)
sigma = torch.linalg.svdvals(A)  # singular values, largest first
print(f"singular values: {sigma[0].item():.3f}, {sigma[1].item():.3f}")
#> singular values: 2.149, 0.941

angle = torch.linspace(0, 2 * math.pi, 3601)
u = torch.stack([angle.cos(), angle.sin()], dim=1)  # unit vectors, shape (3601, 2)
stretch = (u @ A.T).norm(dim=1)  # how much A stretches each direction
print(f"stretch factors from {stretch.min().item():.3f} to {stretch.max().item():.3f}")
#> stretch factors from 0.941 to 2.149
assert abs(stretch.max() - sigma[0]) < 1e-3 and abs(stretch.min() - sigma[1]) < 1e-3
assert torch.isclose(torch.linalg.det(A).abs(), sigma.prod())  # areas scale by σ1·σ2

# A grid of lines in [-1, 1]², each line sampled at 201 points.
t = torch.linspace(-1, 1, 201)
lines = [torch.stack([t, torch.full_like(t, c)], 1) for c in torch.linspace(-1, 1, 9)]
lines += [torch.stack([torch.full_like(t, c), t], 1) for c in torch.linspace(-1, 1, 9)]
mapped = [p @ A.T + b for p in lines]  # still straight lines
squashed = [torch.tanh(p) for p in mapped]  # bent, and pressed into the square (-1, 1)²
assert all(p.abs().max() < 1 for p in squashed)

fig = Figure(figsize=(10, 3.6), layout="constrained")
titles = ["input grid", "after $Ax + b$: stretched", "after $\\tanh(Ax + b)$: squashed"]
for ax, shapes, title in zip(fig.subplots(1, 3), [lines, mapped, squashed], titles):
    for i, p in enumerate(shapes):
        ax.plot(p[:, 0], p[:, 1], color="C0" if i < 9 else "C1", linewidth=0.8)
    ax.set_aspect("equal")
    ax.set_title(title)
