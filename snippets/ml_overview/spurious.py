import torch
from torch import nn

from dlnotes import get_device
from dlnotes.train import accuracy, fit

device = get_device()


def make_photos(n, background_agrees, seed):
    """Two features per "photo": the animal's shape (noisy), the background."""
    g = torch.Generator().manual_seed(seed)
    y = torch.randint(0, 2, (n,), generator=g)  # 0: camel, 1: cow
    sign = 2.0 * y - 1
    shape = sign + torch.randn(n, generator=g)  # the real cue, but noisy
    if background_agrees:
        habitat = sign
    else:  # anywhere
        habitat = 2.0 * torch.randint(0, 2, (n,), generator=g) - 1
    # grass (+1) or sand (-1)
    background = habitat + 0.3 * torch.randn(n, generator=g)
    return torch.stack([shape, background], dim=1).to(device), y.to(device)


# Training: cows on grass, camels on sand; test: anywhere.
X, y = make_photos(1000, background_agrees=True, seed=0)
X_test, y_test = make_photos(1000, background_agrees=False, seed=1)

test_acc = {}
for name, columns in [("shape and background", [0, 1]), ("shape only", [0])]:
    torch.manual_seed(0)
    model = nn.Linear(len(columns), 2).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
    fit(model, X[:, columns], y, loss_fn=nn.CrossEntropyLoss(),
        optimizer=optimizer, epochs=200)
    # how much each feature pushes towards "cow"
    weights = (model.weight[1] - model.weight[0]).tolist()
    test_acc[name] = accuracy(model, X_test[:, columns], y_test)
    train_acc = accuracy(model, X[:, columns], y)
    print(f"{name:>20}: training {train_acc:.3f}, test {test_acc[name]:.3f}, "
          f"weights {[round(w, 1) for w in weights]}")
#> shape and background: training 1.000, test 0.521, weights [1.3, 5.6]
#>           shape only: training 0.843, test 0.870, weights [2.1]
assert test_acc["shape and background"] < 0.65 < 0.8 < test_acc["shape only"]
