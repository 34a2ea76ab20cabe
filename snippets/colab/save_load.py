import tempfile
from pathlib import Path

import torch
from torch import nn

from dlnotes import get_device

device = get_device()
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 100), nn.ReLU(), nn.Linear(100, 3)).to(device)

with tempfile.TemporaryDirectory() as folder:  # in Colab: a folder in your Google Drive
    path = Path(folder) / "spiral.pt"
    torch.save(model.state_dict(), path)  # the parameters only, as tensors
    state = torch.load(path, map_location="cpu")  # loads on any machine, GPU or not
    print(path.name, sorted(state))
#> spiral.pt ['0.bias', '0.weight', '2.bias', '2.weight']

restored = nn.Sequential(nn.Linear(2, 100), nn.ReLU(), nn.Linear(100, 3))  # the same shape
restored.load_state_dict(state)
restored = restored.to(device)
x = torch.randn(5, 2).to(device)
print(torch.equal(model(x), restored(x)))
#> True
