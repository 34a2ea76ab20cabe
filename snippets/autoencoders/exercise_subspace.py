import math

import torch
from torch import nn

from dlnotes import get_device
from dlnotes.autoencoder import Autoencoder, pca
from dlnotes.data import load_digits
from dlnotes.train import fit

X, y = load_digits(device=get_device())
Xc = X - X.mean(dim=0)
torch.manual_seed(0)
model = Autoencoder(64, 2).to(X.device)  # the chapter's linear AE, k = 2
optimizer = torch.optim.Adam(model.parameters(), lr=0.02)
fit(model, Xc, Xc, loss_fn=nn.MSELoss(), optimizer=optimizer, epochs=400)

_, V = pca(X, 2)  # (2, 64): PCA's two components, orthonormal rows
E = model.encoder[0].weight.detach()  # (2, 64): z = E x + b_e
W = model.decoder[0].weight.detach()  # (64, 2): x̂ = W z + b_d
Q, _ = torch.linalg.qr(W)  # an orthonormal basis of the decoder's plane
cosines = torch.linalg.svdvals(V @ Q)  # cosines of the angles between them
print("planes: cosines of the angles between them",
      [round(c, 3) for c in cosines.tolist()])
#> planes: cosines of the angles between them [1.0, 1.0]
units = nn.functional.normalize(W, dim=0)  # the columns as unit vectors
between = math.degrees(math.acos(abs((units[:, 0] @ units[:, 1]).item())))
lengths = [round(c, 2) for c in W.norm(dim=0).tolist()]
print(f"columns: lengths {lengths}, {between:.1f}° apart")
#> columns: lengths [3.09, 4.28], 88.3° apart
inverse = (E @ W - torch.eye(2, device=W.device)).abs().max().item()
print(f"encoder times decoder: largest |E W - I| = {inverse:.3f}")
#> encoder times decoder: largest |E W - I| = 0.000
assert cosines.min() > 0.999  # the same plane as PCA ...
assert (W.norm(dim=0) - 1).abs().max() > 0.5  # ... but not PCA's unit axes
