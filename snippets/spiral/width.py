import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import make_spiral
from dlnotes.train import accuracy, fit

device = get_device()
torch.manual_seed(12345)
X, y = make_spiral()
X, y = X.to(device), y.to(device)

scores = {}
for H in [3, 10, 30, 100]:  # hidden width
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, H), nn.ReLU(), nn.Linear(H, 3)).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2, weight_decay=1e-5)
    fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=optimizer, epochs=500)
    scores[H] = accuracy(model, X, y)
print({H: round(a, 3) for H, a in scores.items()})
#> {3: 0.572, 10: 0.823, 30: 0.997, 100: 0.999}
assert scores[3] < 0.8 and scores[100] >= 0.98
