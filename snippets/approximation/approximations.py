import torch
from matplotlib.figure import Figure

from dlnotes.approximation import knots, relu_interpolant, sigmoid_staircase


def f(x):  # the target f (Nielsen, ch. 4)
    return (0.2 + 0.4 * x**2 + 0.3 * x * torch.sin(15 * x)
            + 0.05 * torch.cos(50 * x))


N = 12  # few units, so the construction is visible
x = torch.linspace(0, 1, 2001).unsqueeze(1)
with torch.no_grad():
    stairs, lines = sigmoid_staircase(f, N)(x), relu_interpolant(f, N)(x)
print(f"max error, staircase: {(stairs - f(x)).abs().max().item():.4f}")
print(f"max error, ReLU:      {(lines - f(x)).abs().max().item():.4f}")
#> max error, staircase: 0.2540
#> max error, ReLU:      0.0931
assert (lines - f(x)).abs().max() < (stairs - f(x)).abs().max()

fig = Figure(figsize=(9, 3.6), layout="constrained")
names = ["sigmoid staircase", "ReLU interpolant"]
panels = fig.subplots(1, 2, sharey=True)
for ax, approx, name in zip(panels, [stairs, lines], names):
    ax.plot(x.flatten(), f(x).flatten(), color="gray", linewidth=3, alpha=0.5,
            label="target $f$")
    ax.plot(x.flatten(), approx.flatten(), color="C1",
            label=f"{name}, $N = {N}$")
    ax.plot(knots(N), f(knots(N)), "k.", label="samples $f(x_i)$")
    ax.set(xlabel="$x$", title=name)
    ax.legend(loc="upper left", fontsize=8)
