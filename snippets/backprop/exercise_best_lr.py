import torch

lam = torch.tensor([1.0, 10.0], dtype=torch.float64)  # curvatures of ½ (x² + 10 y²)
lrs = torch.arange(1, 251, dtype=torch.float64) / 1000  # η = 0.001, 0.002, ..., 0.25
rate = (1 - lrs[:, None] * lam).abs().max(dim=1).values  # per-step factor max_i |1 − η λ_i|
best = rate.argmin()
print(f"best lr {lrs[best].item():.3f}, factor {rate[best].item():.3f}; 2/11 = {2 / 11:.3f}, 9/11 = {9 / 11:.3f}")
#> best lr 0.181, factor 0.819; 2/11 = 0.182, 9/11 = 0.818
assert abs(lrs[best].item() - 2 / 11) < 0.001 and abs(rate[best].item() - 9 / 11) < 0.01
assert ((rate < 1) == (lrs < 0.2)).all()  # converges exactly when η < 2 / λ_max

p = torch.tensor([1.0, 1.0], dtype=torch.float64)
for _ in range(50):
    p = p - 2 / 11 * lam * p  # ∇f = (λ_1 x, λ_2 y)
assert torch.allclose(p.abs(), torch.full((2,), (9 / 11) ** 50, dtype=torch.float64))  # both shrink by 9/11
