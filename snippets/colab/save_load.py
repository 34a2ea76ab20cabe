import tempfile
from pathlib import Path

import torch
from torch import nn

from dlnotes import get_device

device = get_device()
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 100), nn.ReLU(), nn.Linear(100, 3))
model = model.to(device)

# In Colab: a folder in your Google Drive
with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "spiral.pt"
    torch.save(model.state_dict(), path)  # the parameters only, as tensors
    state = torch.load(path, map_location="cpu")  # loads on any machine
    print(path.name, sorted(state))
#> spiral.pt ['0.bias', '0.weight', '2.bias', '2.weight']

# A model of the same shape takes the parameters.
restored = nn.Sequential(nn.Linear(2, 100), nn.ReLU(), nn.Linear(100, 3))
restored.load_state_dict(state)
restored = restored.to(device)
x = torch.randn(5, 2).to(device)
same = torch.equal(model(x), restored(x))
print(same)
#> True
assert same
