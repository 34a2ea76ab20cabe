import torch
from matplotlib.figure import Figure


def quadratic(x, y):  # ½ (x² + 10 y²)
    return 0.5 * (x**2 + 10 * y**2)


def rosenbrock(x, y):  # (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1)
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


def descend(f, start, lr, steps):
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    path = [p.tolist()]
    for _ in range(steps):
        (grad,) = torch.autograd.grad(f(p[0], p[1]), p)
        with torch.no_grad():
            p -= lr * grad
        path.append(p.tolist())
    return torch.tensor(path)  # (steps + 1, 2)


runs = [  # function, start, learning rates, steps, plot box, minimum
    (quadratic, [-2.0, 1.0], [0.02, 0.1, 0.19], 40, (-2.2, 2.2, -1.3, 1.3),
     (0, 0)),
    (rosenbrock, [-1.2, 1.0], [0.0015], 1000, (-1.5, 1.5, -0.5, 1.5), (1, 1)),
]
paths = {}
fig = Figure(figsize=(10, 4), layout="constrained")
for ax, run in zip(fig.subplots(1, 2), runs):
    f, start, lrs, steps, (x0, x1, y0, y1), minimum = run
    gx, gy = torch.meshgrid(torch.linspace(x0, x1, 120),
                            torch.linspace(y0, y1, 120), indexing="xy")
    ax.contour(gx, gy, f(gx, gy).log1p(), levels=20, colors="gray",
               linewidths=0.5)
    for lr in lrs:
        path = paths[f.__name__, lr] = descend(f, start, lr, steps)
        end = path[-1].tolist()
        value = f(*path[-1]).item()
        print(f"{f.__name__}, lr {lr}: ({end[0]:.3f}, {end[1]:.3f}), "
              f"f = {value:.2e}")
        ax.plot(path[:, 0], path[:, 1], ".-", markersize=3, linewidth=1,
                markevery=steps // 40, label=f"lr {lr}")
    ax.plot(*start, "ko")
    ax.plot(*minimum, "k*", markersize=12)
    ax.set(title=f"{f.__name__}, {steps} steps", xlabel="$x$", ylabel="$y$")
    ax.legend()
#> quadratic, lr 0.02: (-0.891, 0.000), f = 3.97e-01
#> quadratic, lr 0.1: (-0.030, 0.000), f = 4.37e-04
#> quadratic, lr 0.19: (-0.000, 0.015), f = 1.09e-03
#> rosenbrock, lr 0.0015: (0.603, 0.362), f = 1.58e-01
# lr 0.1 = 1/10: y is exactly 0 after one step
assert paths["quadratic", 0.1][1, 1].item() == 0
# lr 0.19: y flips sign every step (factor 1 − 10·0.19 = −0.9)
q = paths["quadratic", 0.19][1:3, 1].tolist()
assert q[0] < 0 < q[1]
# Rosenbrock: f fell 100-fold from 24.2, yet (1, 1) is still far
end = paths["rosenbrock", 0.0015][-1]
assert rosenbrock(*end) < 24.2 / 100 and end[0] < 0.7
