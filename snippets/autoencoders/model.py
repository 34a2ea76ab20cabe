import torch
from torch import nn

from dlnotes.autoencoder import Autoencoder
from dlnotes.data import load_digits

X, y = load_digits()  # 1,797 images of 8 × 8 = 64 pixels in [0, 1]
torch.manual_seed(0)  # (y, the labels, is never used for training)
model = Autoencoder(64, 2, hidden=[64, 32])  # code size k = 2: the bottleneck
print(model.encoder)
#> Sequential(
#>   (0): Linear(in_features=64, out_features=64, bias=True)
#>   (1): ReLU()
#>   (2): Linear(in_features=64, out_features=32, bias=True)
#>   (3): ReLU()
#>   (4): Linear(in_features=32, out_features=2, bias=True)
#> )
print(model.decoder)
#> Sequential(
#>   (0): Linear(in_features=2, out_features=32, bias=True)
#>   (1): ReLU()
#>   (2): Linear(in_features=32, out_features=64, bias=True)
#>   (3): ReLU()
#>   (4): Linear(in_features=64, out_features=64, bias=True)
#> )
with torch.no_grad():
    z = model.encode(X)  # the code: 2 numbers per image
    X_hat = model.decode(z)  # the reconstruction: 64 numbers again
    loss = nn.MSELoss()(X_hat, X)  # input and target are the same X
print(f"{tuple(X.shape)} -> code {tuple(z.shape)} "
      f"-> reconstruction {tuple(X_hat.shape)}")
#> (1797, 64) -> code (1797, 2) -> reconstruction (1797, 64)
print(f"reconstruction error before training: {loss.item():.4f}")
#> reconstruction error before training: 0.2555
assert X_hat.shape == X.shape and z.shape == (len(X), 2)
