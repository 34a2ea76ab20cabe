import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import make_spiral
from dlnotes.train import accuracy, fit

device = get_device()
torch.manual_seed(12345)
X, y = make_spiral()
X, y = X.to(device), y.to(device)

runs = {  # name: (batch size, epochs); 3000 points, so 30 batches of 100
    "batches of 100": (100, 20),  # 600 updates, 20 passes over the data
    "full batch, same updates": (None, 600),  # 600 updates, 600 passes
    "full batch, same passes": (None, 20),  # 20 updates, 20 passes
}
train = {}  # training accuracy
for name, (batch_size, epochs) in runs.items():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 100), nn.ReLU(), nn.Linear(100, 3))
    model = model.to(device)
    adam = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-5)
    fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=adam,
        epochs=epochs, batch_size=batch_size)
    train[name] = accuracy(model, X, y)
    print(f"{name:25s} training accuracy {train[name]:.3f}")
#> batches of 100            training accuracy 0.825
#> full batch, same updates  training accuracy 0.872
#> full batch, same passes   training accuracy 0.605
# per update, the full batch is ahead; per pass over the data, far behind
assert train["full batch, same updates"] > train["batches of 100"]
assert train["batches of 100"] > train["full batch, same passes"] + 0.1
