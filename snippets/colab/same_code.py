import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import make_spiral
from dlnotes.train import accuracy, fit

device = get_device()  # the one switch: "cpu" unless DLNOTES_DEVICE says so
torch.manual_seed(12345)
X, y = make_spiral()  # random data, drawn on the CPU from the seed
torch.manual_seed(0)
# The weights are drawn on the CPU too ...
model = nn.Sequential(nn.Linear(2, 100), nn.ReLU(), nn.Linear(100, 3))
# ... then everything moves together.
model, X, y = model.to(device), X.to(device), y.to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
history = fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=optimizer,
              epochs=300)
# Print Python floats, not tensors:
print(f"loss {history.loss[-1]:.3f}, accuracy {accuracy(model, X, y):.3f}")
#> loss 0.051, accuracy 0.997
assert accuracy(model, X, y) > 0.95
