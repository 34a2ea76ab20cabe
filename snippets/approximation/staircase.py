import torch

from dlnotes.approximation import sigmoid_staircase


def f(x):  # Nielsen's target (ch. 4): wiggles at two scales
    return (0.2 + 0.4 * x**2 + 0.3 * x * torch.sin(15 * x)
            + 0.05 * torch.cos(50 * x))


x = torch.linspace(0, 1, 2001).unsqueeze(1)  # 2,001 test points, (2001, 1)
errors = {}
for N in [40, 80, 160]:
    net = sigmoid_staircase(f, N)  # N hidden sigmoid units, steepness w = 200 N
    with torch.no_grad():
        errors[N] = (net(x) - f(x)).abs().max().item()
    print(f"N = {N:3d}: max error {errors[N]:.4f}")
#> N =  40: max error 0.0798
#> N =  80: max error 0.0403
#> N = 160: max error 0.0202
print(f"ratios: {errors[40] / errors[80]:.2f}, {errors[80] / errors[160]:.2f}")
#> ratios: 1.98, 2.00
# error ∝ 1/N: doubling N halves it
assert all(1.8 < errors[N] / errors[2 * N] < 2.2 for N in [40, 80])
