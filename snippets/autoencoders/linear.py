import torch
from torch import nn

from dlnotes import get_device
from dlnotes.autoencoder import Autoencoder, pca_reconstruction_error
from dlnotes.data import load_digits
from dlnotes.train import fit

X, y = load_digits(device=get_device())
X = X - X.mean(dim=0)  # centre the pixels, as PCA does
for k in [2, 8, 16]:
    torch.manual_seed(0)  # initial weights drawn on the CPU
    model = Autoencoder(64, k).to(X.device)  # one linear layer each way
    optimizer = torch.optim.Adam(model.parameters(), lr=0.02)
    fit(model, X, X, loss_fn=nn.MSELoss(), optimizer=optimizer,
        epochs=400)  # full batch; the target is the input
    with torch.no_grad():
        ae = nn.functional.mse_loss(model(X), X).item()
    best = pca_reconstruction_error(X, k)
    print(f"k = {k:2d}: linear AE {ae:.4f}, PCA {best:.4f}, "
          f"ratio {ae / best:.3f}")
    # never below PCA, and within 1 % of it
    assert best <= ae * 1.0001 and ae / best < 1.01
#> k =  2: linear AE 0.0524, PCA 0.0524, ratio 1.000
#> k =  8: linear AE 0.0239, PCA 0.0239, ratio 1.000
#> k = 16: linear AE 0.0110, PCA 0.0110, ratio 1.000
