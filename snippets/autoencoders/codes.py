import torch
from matplotlib.figure import Figure
from torch import nn

from dlnotes import get_device
from dlnotes.autoencoder import Autoencoder, pca
from dlnotes.data import load_digits
from dlnotes.train import fit

X, y = load_digits(device=get_device())
Xc = X - X.mean(dim=0)
torch.manual_seed(0)
model = Autoencoder(64, 2, hidden=[64, 32]).to(X.device)  # as above
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
fit(model, Xc, Xc, loss_fn=nn.MSELoss(), optimizer=optimizer,
    epochs=300)  # the labels y are not used
_, V = pca(X, 2)
with torch.no_grad():  # two numbers per image
    codes = {"PCA": Xc @ V.T, "autoencoder": model.encode(Xc)}


def nearest_neighbour_agreement(Z):
    """How often the image with the closest code shows the same digit."""
    distances = torch.cdist(Z, Z).fill_diagonal_(float("inf"))  # not itself
    return (y[distances.argmin(dim=1)] == y).float().mean().item()


agreement = {name: nearest_neighbour_agreement(Z)
             for name, Z in codes.items()}
for name, value in agreement.items():
    print(f"{name:>11}: nearest code, same digit {value:.3f}")
#>         PCA: nearest code, same digit 0.587
#> autoencoder: nearest code, same digit 0.899
assert agreement["autoencoder"] > agreement["PCA"] + 0.2

colors = [f"C{d}" for d in range(10)]  # matplotlib's ten default colours
fig = Figure(figsize=(9, 4.4), layout="constrained")
for ax, (name, Z) in zip(fig.subplots(1, 2), codes.items()):
    Z = Z.cpu()
    for d in range(10):
        ax.scatter(*Z[y.cpu() == d].T, s=5, color=colors[d], label=str(d),
                   linewidths=0, rasterized=True)
    ax.set(title=f"{name}: the 2-D code of each image",
           xlabel="$z_1$", ylabel="$z_2$")
fig.legend(*ax.get_legend_handles_labels(), loc="outside right center",
           title="digit", markerscale=3)
