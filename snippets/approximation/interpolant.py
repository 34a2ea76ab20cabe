import torch

from dlnotes.approximation import relu_interpolant


def f(x):  # the target f (Nielsen, ch. 4)
    return (0.2 + 0.4 * x**2 + 0.3 * x * torch.sin(15 * x)
            + 0.05 * torch.cos(50 * x))


x = torch.linspace(0, 1, 2001).unsqueeze(1)
errors = {}
for N in [40, 80, 160]:
    net = relu_interpolant(f, N)  # N hidden ReLU units, one per segment
    with torch.no_grad():
        errors[N] = (net(x) - f(x)).abs().max().item()
    print(f"N = {N:3d}: max error {errors[N]:.4f}")
#> N =  40: max error 0.0117
#> N =  80: max error 0.0031
#> N = 160: max error 0.0008
print(f"ratios: {errors[40] / errors[80]:.2f}, {errors[80] / errors[160]:.2f}")
#> ratios: 3.81, 3.81
# error ∝ 1/N²: doubling N divides it by about 4
assert all(3.5 < errors[N] / errors[2 * N] < 4.5 for N in [40, 80])

knots = torch.linspace(0, 1, 41).unsqueeze(1)  # at the knots, g = f exactly
with torch.no_grad():
    assert torch.allclose(relu_interpolant(f, 40)(knots), f(knots), atol=1e-5)
