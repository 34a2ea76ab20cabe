import torch

lam = torch.tensor([1.0, 10.0], dtype=torch.float64)  # curvatures λ1, λ2
lrs = torch.arange(1, 251, dtype=torch.float64) / 1000  # η = 0.001 ... 0.25
# the per-step factor max_i |1 − η λ_i| for every η on the grid
rate = (1 - lrs[:, None] * lam).abs().max(dim=1).values
best = rate.argmin()
print(f"best lr {lrs[best].item():.3f}, factor {rate[best].item():.3f}")
print(f"2/11 = {2 / 11:.3f}, 9/11 = {9 / 11:.3f}")
#> best lr 0.181, factor 0.819
#> 2/11 = 0.182, 9/11 = 0.818
assert abs(lrs[best].item() - 2 / 11) < 0.001
assert abs(rate[best].item() - 9 / 11) < 0.01
assert ((rate < 1) == (lrs < 0.2)).all()  # converges exactly when η < 2/λ_max

p = torch.tensor([1.0, 1.0], dtype=torch.float64)
for _ in range(50):
    p = p - 2 / 11 * lam * p  # ∇f = (λ1 x, λ2 y)
both = torch.full((2,), (9 / 11) ** 50, dtype=torch.float64)
assert torch.allclose(p.abs(), both)  # both coordinates shrink by 9/11
