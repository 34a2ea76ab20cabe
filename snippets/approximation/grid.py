import math

import torch
from matplotlib.figure import Figure

torch.manual_seed(6)
A = torch.randn(2, 2)  # a random linear map of the plane
b = torch.randn(2)
sigma = torch.linalg.svdvals(A)  # singular values, largest first
print(f"singular values: {sigma[0].item():.3f}, {sigma[1].item():.3f}")
#> singular values: 2.149, 0.941
U, _, Vh = torch.linalg.svd(A)  # A = U diag(sigma) V^T
assert torch.allclose(U @ torch.diag(sigma) @ Vh, A, atol=1e-6)
assert torch.allclose(U.T @ U, torch.eye(2), atol=1e-6)  # orthogonal
det_u, det_v = torch.linalg.det(U).item(), torch.linalg.det(Vh).item()
print(f"det U = {det_u:+.0f}, det V^T = {det_v:+.0f}")  # -1: a reflection
#> det U = -1, det V^T = -1
assert abs(det_u + 1) < 1e-5 and abs(det_v + 1) < 1e-5

angle = torch.linspace(0, 2 * math.pi, 3601)
u = torch.stack([angle.cos(), angle.sin()], dim=1)  # unit vectors, (3601, 2)
stretch = (u @ A.T).norm(dim=1)  # how much A stretches each direction
low, high = stretch.min().item(), stretch.max().item()
print(f"stretch factors from {low:.3f} to {high:.3f}")
#> stretch factors from 0.941 to 2.149
# equal up to float32 rounding: the directions lie close enough together
assert abs(high - sigma[0]) < 1e-5 and abs(low - sigma[1]) < 1e-5
# areas scale by |det A| = σ1·σ2
assert torch.isclose(torch.linalg.det(A).abs(), sigma.prod())

# A grid of lines in [-1, 1]², each line sampled at 201 points.
t = torch.linspace(-1, 1, 201)
levels = torch.linspace(-1, 1, 9)
lines = [torch.stack([t, torch.full_like(t, c)], 1) for c in levels]
lines += [torch.stack([torch.full_like(t, c), t], 1) for c in levels]
mapped = [p @ A.T + b for p in lines]  # still straight lines
squashed = [torch.tanh(p) for p in mapped]  # bent, pressed into (-1, 1)²
assert all(p.abs().max() < 1 for p in squashed)

fig = Figure(figsize=(10, 3.6), layout="constrained")
titles = ["input grid", "after $Ax + b$: stretched",
          "after $\\tanh(Ax + b)$: squashed"]
panels = fig.subplots(1, 3)
for ax, shapes, title in zip(panels, [lines, mapped, squashed], titles):
    for i, p in enumerate(shapes):
        ax.plot(p[:, 0], p[:, 1], color="C0" if i < 9 else "C1", linewidth=0.8)
    ax.set_aspect("equal")
    ax.set_title(title)
