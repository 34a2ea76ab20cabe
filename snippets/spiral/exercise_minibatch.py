import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import make_spiral
from dlnotes.train import accuracy, fit

device = get_device()
torch.manual_seed(12345)
X, y = make_spiral()
X, y = X.to(device), y.to(device)

results = {}  # training accuracy
for batch_size, epochs in [(100, 20), (None, 600)]:  # 600 updates either way
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 100), nn.ReLU(), nn.Linear(100, 3))
    model = model.to(device)
    adam = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-5)
    fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=adam,
        epochs=epochs, batch_size=batch_size)
    results[batch_size or "full"] = round(accuracy(model, X, y), 3)
print(results)
#> {100: 0.825, 'full': 0.872}
assert results[100] > 0.75 and results["full"] > 0.75
