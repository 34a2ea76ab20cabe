import math

import torch


def f(x, y):
    return x**2 * y + torch.sin(y)


p = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
(grad,) = torch.autograd.grad(f(p[0], p[1]), p)  # autograd: (2xy, x² + cos y)
print([round(g, 6) for g in grad.tolist()])
#> [4.0, 0.583853]
by_hand = torch.tensor([4.0, 1 + math.cos(2.0)], dtype=torch.float64)
assert torch.allclose(grad, by_hand, rtol=0, atol=1e-12)

# 360 unit directions u, one per degree; the slope of f along each,
# by a central difference (f(x + h u) − f(x − h u)) / 2h.
theta = torch.arange(360, dtype=torch.float64) * (2 * math.pi / 360)
U = torch.stack([theta.cos(), theta.sin()], dim=1)  # (360, 2), ‖u‖ = 1
h, x0 = 1e-5, p.detach()
ahead, behind = x0 + h * U, x0 - h * U
slopes = (f(*ahead.T) - f(*behind.T)) / (2 * h)  # (360,)
assert torch.allclose(slopes, U @ grad, rtol=0, atol=1e-8)  # slope = ∇f · u

best = slopes.argmax().item()
norm = grad.norm().item()
steepest = slopes[best].item()
print(f"steepest slope {steepest:.4f} at {best}°, ‖∇f‖ = {norm:.4f}")
#> steepest slope 4.0423 at 8°, ‖∇f‖ = 4.0424
angle = math.degrees(math.atan2(grad[1].item(), grad[0].item()))
print(f"∇f points at {angle:.2f}°")
#> ∇f points at 8.30°
# the maximum over 1° steps is within cos 0.5° of ‖∇f‖ ...
assert norm * math.cos(math.radians(0.5)) <= steepest <= norm + 1e-8
# ... and is attained at u ≈ ∇f / ‖∇f‖
assert torch.allclose(U[best], grad / norm, atol=math.radians(1))
