import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import make_spiral
from dlnotes.train import accuracy, fit

device = get_device()
torch.manual_seed(12345)
X, y = make_spiral()
X_new, y_new = make_spiral(seed=1)  # held out: never trained on
X, y = X.to(device), y.to(device)
X_new, y_new = X_new.to(device), y_new.to(device)

train, new = {}, {}
for H in [3, 10, 30, 100]:  # hidden width
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, H), nn.ReLU(), nn.Linear(H, 3))
    model = model.to(device)
    adam = torch.optim.Adam(model.parameters(), lr=1e-2, weight_decay=1e-5)
    fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=adam,
        epochs=500)
    train[H], new[H] = accuracy(model, X, y), accuracy(model, X_new, y_new)
    print(f"H = {H:3d}: train {train[H]:.3f}, held-out {new[H]:.3f}")
#> H =   3: train 0.572, held-out 0.566
#> H =  10: train 0.822, held-out 0.817
#> H =  30: train 0.996, held-out 0.995
#> H = 100: train 0.999, held-out 0.999
assert train[3] < 0.8 and train[100] >= 0.98 and new[100] >= 0.98
assert all(abs(train[H] - new[H]) < 0.03 for H in train)  # no overfitting
