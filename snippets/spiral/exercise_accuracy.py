import torch
from torch import nn

from dlnotes.data import make_spiral
from dlnotes.train import accuracy

torch.manual_seed(12345)
X, y = make_spiral(n_per_class=100)
# untrained is fine
model = nn.Sequential(nn.Linear(2, 100), nn.ReLU(), nn.Linear(100, 3))

with torch.no_grad():
    scores = model(X)  # (300, 3): one score per class
predicted = scores.argmax(dim=1)  # the class with the highest score
by_hand = (predicted == y).float().mean().item()
print(f"{by_hand:.4f} {accuracy(model, X, y):.4f}")
#> 0.3700 0.3700
assert abs(by_hand - accuracy(model, X, y)) < 1e-6
