import torch


def f(p):  # f(x, y) = ½ (x² + 10 y²): curvatures λ = 1 and 10
    return 0.5 * (p[0] ** 2 + 10 * p[1] ** 2)


for lr in (0.19, 0.21):
    p = torch.tensor([1.0, 1.0], dtype=torch.float64, requires_grad=True)
    for _ in range(100):
        (grad,) = torch.autograd.grad(f(p), p)
        with torch.no_grad():
            p -= lr * grad  # gradient descent: p ← p − η ∇f(p)
    y = p[1].item()
    print(f"lr {lr}: after 100 steps f = {f(p).item():.1e}, y = {y:.3g}")
    # Each step multiplies x by (1 − η·1) and y by (1 − η·10).
    assert abs(y - (1 - 10 * lr) ** 100) < 1e-9 * max(1.0, abs(y))
    # converges iff η < 2 / λ_max = 0.2
    assert (f(p).item() < 1e-8) == (lr < 2 / 10)
#> lr 0.19: after 100 steps f = 3.5e-09, y = 2.66e-05
#> lr 0.21: after 100 steps f = 9.5e+08, y = 1.38e+04
