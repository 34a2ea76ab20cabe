import math

import torch


def f(x, y):
    return x**2 * y + torch.sin(y)


p = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
(grad,) = torch.autograd.grad(f(p[0], p[1]), p)  # autograd: (2xy, x² + cos y)
print([round(g, 6) for g in grad.tolist()])
#> [4.0, 0.583853]
assert torch.allclose(grad, torch.tensor([4.0, 1 + math.cos(2.0)], dtype=torch.float64), rtol=0, atol=1e-12)

# 360 unit directions u, one per degree, and the slope of f along each by a central difference.
theta = torch.arange(360, dtype=torch.float64) * (2 * math.pi / 360)
U = torch.stack([theta.cos(), theta.sin()], dim=1)  # (360, 2), ‖u‖ = 1
h, x0 = 1e-5, p.detach()
forward, backward = x0 + h * U, x0 - h * U
slopes = (f(forward[:, 0], forward[:, 1]) - f(backward[:, 0], backward[:, 1])) / (2 * h)  # (360,)
assert torch.allclose(slopes, U @ grad, rtol=0, atol=1e-8)  # the slope along u is ∇f · u

best = slopes.argmax().item()
norm = grad.norm().item()
print(f"steepest slope {slopes[best].item():.4f} at {best}°, ‖∇f‖ = {norm:.4f}")
#> steepest slope 4.0423 at 8°, ‖∇f‖ = 4.0424
print(f"∇f points at {math.degrees(math.atan2(grad[1].item(), grad[0].item())):.2f}°")
#> ∇f points at 8.30°
assert norm * math.cos(math.radians(0.5)) <= slopes[best].item() <= norm + 1e-8  # max over 1° steps ≈ ‖∇f‖
assert torch.allclose(U[best], grad / norm, atol=math.radians(1))  # attained at u ≈ ∇f / ‖∇f‖
