import torch
from torch import nn

from dlnotes import get_device
from dlnotes.autoencoder import Autoencoder, pca, pca_reconstruction_error
from dlnotes.data import load_digits
from dlnotes.plot import plot_images
from dlnotes.train import fit

X, y = load_digits(device=get_device())
mean = X.mean(dim=0)
Xc = X - mean  # centred, as for the linear autoencoder
torch.manual_seed(0)
model = Autoencoder(64, 2, hidden=[64, 32]).to(X.device)  # ReLU between
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
fit(model, Xc, Xc, loss_fn=nn.MSELoss(), optimizer=optimizer, epochs=300)
with torch.no_grad():
    ae = nn.functional.mse_loss(model(Xc), Xc).item()
best = pca_reconstruction_error(X, 2)
print(f"k = 2: non-linear AE {ae:.3f}, PCA {best:.3f}, ratio {ae / best:.2f}")
#> k = 2: non-linear AE 0.025, PCA 0.052, ratio 0.48
assert ae < 0.9 * best

# The first image of each digit: the original, PCA with 2 components,
# the autoencoder with a 2-number code.
first = torch.stack([(y == d).nonzero()[0, 0] for d in range(10)])
_, V = pca(X, 2)
with torch.no_grad():
    by_pca = mean + (Xc[first] @ V.T) @ V
    by_ae = mean + model(Xc[first])
images = torch.cat([X[first], by_pca, by_ae]).reshape(30, 8, 8)
titles = ([f"digit {d}" for d in range(10)] + ["PCA, k = 2"] * 10
          + ["AE, k = 2"] * 10)
fig = plot_images(images, titles=titles, ncols=10)
