import math

import torch

from dlnotes.approximation import relu_interpolant


def f(x):  # the target f (Nielsen, ch. 4)
    return (0.2 + 0.4 * x**2 + 0.3 * x * torch.sin(15 * x)
            + 0.05 * torch.cos(50 * x))


x = torch.linspace(0, 1, 2001).unsqueeze(1)


def max_error(N):
    with torch.no_grad():
        return (relu_interpolant(f, N)(x) - f(x)).abs().max().item()


# If the error were exactly c / N², then c / N² <= 0.001 would need
# N >= 40 * sqrt(error(40) / 0.001).
predicted = math.ceil(40 * math.sqrt(max_error(40) / 0.001))
N = predicted
while max_error(N) > 0.001:
    N += 1
print(f"predicted N = {predicted} (error {max_error(predicted):.5f})")
print(f"needed N = {N} (error {max_error(N):.5f})")
#> predicted N = 137 (error 0.00109)
#> needed N = 144 (error 0.00099)
assert max_error(N) <= 0.001 < max_error(N - 1)
assert 0 < N - predicted < 15
