import tempfile
from pathlib import Path

import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import make_spiral
from dlnotes.train import fit

device = get_device()
torch.manual_seed(12345)
X, y = make_spiral()
X, y = X.to(device), y.to(device)


def new_run():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 100), nn.ReLU(), nn.Linear(100, 3))
    model = model.to(device)
    return model, torch.optim.Adam(model.parameters(), lr=1e-2)


def train(model, optimizer, epochs):
    fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=optimizer,
        epochs=epochs)


model, optimizer = new_run()  # 1. straight through: 200 epochs
train(model, optimizer, 200)
straight = model[2].weight.detach().clone()

# 2. 100 epochs, a checkpoint, a "disconnect", 100 more
model, optimizer = new_run()
train(model, optimizer, 100)
with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "checkpoint.pt"
    checkpoint = {"model": model.state_dict(),
                  "optimizer": optimizer.state_dict(), "epoch": 100}
    torch.save(checkpoint, path)
    del model, optimizer  # the runtime is gone
    checkpoint = torch.load(path, map_location="cpu")
model, optimizer = new_run()
model.load_state_dict(checkpoint["model"])
# Adam's running averages come back too:
optimizer.load_state_dict(checkpoint["optimizer"])
train(model, optimizer, 200 - checkpoint["epoch"])
same = torch.allclose(model[2].weight, straight)
print(same)
#> True
assert same
