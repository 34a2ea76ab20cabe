import torch
from torch import nn

from dlnotes import get_device
from dlnotes.autoencoder import pca_reconstruction_error as pca_error
from dlnotes.data import load_digits
from dlnotes.train import fit

X, y = load_digits(device=get_device())  # raw pixels, not centred
n, d = X.shape
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(64, 2, bias=False),
                      nn.Linear(2, 64, bias=False)).to(X.device)
optimizer = torch.optim.Adam(model.parameters(), lr=0.02)
fit(model, X, X, loss_fn=nn.MSELoss(), optimizer=optimizer, epochs=400)
with torch.no_grad():
    trained = nn.functional.mse_loss(model(X), X).item()
# Without biases, reconstructions lie in a plane through the origin. By
# Eckart–Young the best such plane comes from the SVD of the raw X itself:
# error = the sum of its discarded σ_j² / (n d).
_, S, Vh = torch.linalg.svd(X.double(), full_matrices=False)
through_origin = (S[2:].pow(2).sum() / (n * d)).item()
print(f"no biases: best {through_origin:.4f}, trained {trained:.4f}")
print(f"PCA: k = 1 {pca_error(X, 1):.4f}, k = 2 {pca_error(X, 2):.4f}")
#> no biases: best 0.0603, trained 0.0603
#> PCA: k = 1 0.0624, k = 2 0.0524
assert trained / through_origin < 1.01
assert pca_error(X, 2) < through_origin < pca_error(X, 1)

mean = X.double().mean(dim=0)
# the best plane's first direction against the mean image
cosine = (Vh[0] @ mean / mean.norm()).abs().item()
print(f"first direction vs the mean image: cosine {cosine:.4f}")
#> first direction vs the mean image: cosine 1.0000
assert cosine > 0.999
