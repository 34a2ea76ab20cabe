import torch

from dlnotes.data import load_digits
from dlnotes.plot import plot_images
from dlnotes.rbm import RBM

X, _ = load_digits()
rbm = RBM(64, 100, seed=0)
rbm.fit(X[:1500], epochs=10, lr=0.06, batch_size=10, persistent=True)

g = torch.Generator().manual_seed(0)
noise = (torch.rand(300, 64, generator=g) < 0.5).float()  # 300 chains
v, snapshots = noise, [noise[:8]]
for steps in [1, 4, 15, 180]:  # after 1, 5, 20 and 200 steps in all
    v = rbm.gibbs(v, k=steps, generator=g).cpu()
    snapshots.append(v[:8])


def corr(V):  # 64 × 64 pixel correlations; always-blank pixels give 0
    return torch.nan_to_num(torch.corrcoef(V.T))


mean_gap = (v.mean(dim=0) - X.mean(dim=0)).abs().mean().item()
corr_gap = (corr(v) - corr(X)).abs().mean().item()
noise_gap = (corr(noise) - corr(X)).abs().mean().item()
print(f"pixel means: data vs samples differ by {mean_gap:.3f} on average")
#> pixel means: data vs samples differ by 0.066 on average
print(f"pixel correlations: samples {corr_gap:.3f}, noise {noise_gap:.3f}")
#> pixel correlations: samples 0.093, noise 0.127
assert mean_gap < 0.1 and corr_gap < 0.9 * noise_gap

fig = plot_images(torch.stack(snapshots, dim=1).reshape(40, 8, 8), ncols=5)
