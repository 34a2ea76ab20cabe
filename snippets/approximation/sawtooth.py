import torch
from matplotlib.figure import Figure
from torch import nn

from dlnotes.approximation import tent_map_net
from dlnotes.train import fit

k = 6  # depth of the narrow network
x = torch.linspace(0, 1, 1025).unsqueeze(1)  # x = i / 1024, shape (1025, 1)
# Telgarsky's sawtooth T^k: 2^(k-1) = 32 teeth, 64 pieces
target = 1 - (2 * torch.frac(2 ** (k - 1) * x) - 1).abs()

deep = tent_map_net(k)  # width 2, k hidden layers, weights set by hand
H = 2 * k  # a one-hidden-layer ReLU net with the same number of parameters
torch.manual_seed(0)
shallow = nn.Sequential(nn.Linear(1, H), nn.ReLU(), nn.Linear(H, 1))
n_deep = sum(p.numel() for p in deep.parameters())
n_shallow = sum(p.numel() for p in shallow.parameters())
print(f"parameters: deep {n_deep}, shallow {n_shallow}")
#> parameters: deep 37, shallow 37
with torch.no_grad():
    deep_mse = (deep(x) - target).pow(2).mean().item()
print(f"deep, by hand:         MSE {deep_mse:.3f}")
#> deep, by hand:         MSE 0.000
assert n_deep == n_shallow == 37 and deep_mse < 1e-10  # exact up to rounding

# The shallow net is linear between its at most H knots, so at least 32 - H
# teeth hold no knot; on such a tooth the best line (the constant 1/2)
# leaves a mean squared error of 1/12.
bound = (2 ** (k - 1) - H) / 2 ** (k - 1) / 12
# Best least-squares output layer for 300 random sets of H knots
# (plus a linear term).
xd, td = x.double(), target.double()
g = torch.Generator().manual_seed(0)
knots = torch.rand(300, 1, H, generator=g, dtype=torch.float64)
ones = torch.ones(300, 1025, 1, dtype=torch.float64)
A = torch.cat([ones, xd.expand(300, -1, -1), torch.relu(xd - knots)], dim=2)
fits = A @ torch.linalg.lstsq(A, td.expand(300, -1, -1)).solution
lstsq_mse = (fits - td).pow(2).mean(dim=(1, 2)).min().item()
# And the shallow net trained with Adam.
adam = torch.optim.Adam(shallow.parameters(), lr=0.01)
fit(shallow, x, target, loss_fn=nn.MSELoss(), optimizer=adam, epochs=200)
with torch.no_grad():
    trained_mse = (shallow(x) - target).pow(2).mean().item()
variance = target.var(unbiased=False).item()
print(f"shallow, lower bound:  MSE {bound:.3f}")
print(f"shallow, best lstsq:   MSE {lstsq_mse:.3f}")
print(f"shallow, trained:      MSE {trained_mse:.3f}")
print(f"predict the mean:      MSE {variance:.3f}")
#> shallow, lower bound:  MSE 0.052
#> shallow, best lstsq:   MSE 0.080
#> shallow, trained:      MSE 0.084
#> predict the mean:      MSE 0.084
assert bound < lstsq_mse and bound < trained_mse
assert trained_mse > 0.9 * variance

fig = Figure(figsize=(9, 3.2), layout="constrained")
ax = fig.subplots()
ax.plot(x.flatten(), target.flatten(), color="gray", linewidth=3, alpha=0.5,
        label="target: $T^6$, 32 teeth")
with torch.no_grad():
    ax.plot(x.flatten(), deep(x).flatten(), color="C0", linewidth=1,
            label="deep: width 2, 6 layers, by hand")
    ax.plot(x.flatten(), shallow(x).flatten(), color="C1",
            label="shallow: 12 units, trained")
ax.set(xlabel="$x$", ylim=(-0.05, 1.3))
ax.legend(loc="upper left", ncols=3, fontsize=8)
