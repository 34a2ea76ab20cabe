import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import make_spiral
from dlnotes.train import accuracy, fit

device = get_device()
torch.manual_seed(12345)
X, y = make_spiral(n_per_class=50, noise=0.8)  # 150 noisy training points
X_new, y_new = make_spiral(noise=0.8, seed=1)  # 3000 held-out points
X, y = X.to(device), y.to(device)
X_new, y_new = X_new.to(device), y_new.to(device)

train, new, norm = {}, {}, {}
print("   H  decay   train  held-out  |theta|")
for H, decay in [(10, 0), (100, 0), (1000, 0), (1000, 1e-3)]:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, H), nn.ReLU(), nn.Linear(H, 3))
    model = model.to(device)
    adam = torch.optim.Adam(model.parameters(), lr=1e-2, weight_decay=decay)
    fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=adam,
        epochs=1000)
    run = H, decay
    train[run], new[run] = accuracy(model, X, y), accuracy(model, X_new, y_new)
    norm[run] = torch.cat([p.detach().flatten() for p in model.parameters()])
    norm[run] = norm[run].norm().item()  # |theta|, all weights and biases
    print(f"{H:4d}  {decay:5g}   {train[run]:.3f}     {new[run]:.3f}   "
          f"{norm[run]:5.1f}")
#>    H  decay   train  held-out  |theta|
#>   10      0   0.680     0.618    16.7
#>  100      0   0.913     0.738    42.5
#> 1000      0   0.960     0.737    72.2
#> 1000  0.001   0.853     0.750    17.0


def gap(run):  # training minus held-out accuracy
    return train[run] - new[run]


assert train[1000, 0] > train[100, 0] > train[10, 0]  # wider fits more
assert gap((1000, 0)) > gap((100, 0))  # ... and more of it is noise
assert gap((1000, 1e-3)) < gap((1000, 0)) and new[1000, 1e-3] > new[1000, 0]
assert norm[1000, 1e-3] < norm[1000, 0]  # decay keeps the weights small
