import math

import torch

x = torch.tensor(1.0, dtype=torch.float64)
exact = math.cos(1.0)  # d/dx sin x at x = 1
errors = {}
for h in (1e-2, 1e-4, 1e-6, 1e-10):
    forward = ((torch.sin(x + h) - torch.sin(x)) / h).item()
    central = ((torch.sin(x + h) - torch.sin(x - h)) / (2 * h)).item()
    errors[h] = abs(forward - exact), abs(central - exact)
    print(f"h = {h:.0e}: forward error {errors[h][0]:.0e}, "
          f"central error {errors[h][1]:.0e}")
#> h = 1e-02: forward error 4e-03, central error 9e-06
#> h = 1e-04: forward error 4e-05, central error 9e-10
#> h = 1e-06: forward error 4e-07, central error 3e-11
#> h = 1e-10: forward error 6e-08, central error 6e-08
assert 50 < errors[1e-2][0] / errors[1e-4][0] < 200  # forward: error ∝ h
assert 5e3 < errors[1e-2][1] / errors[1e-4][1] < 2e4  # central: error ∝ h²
# too small an h: the rounding error, about ε / h, takes over
assert errors[1e-10][1] > 1000 * errors[1e-6][1]
