import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import make_spiral
from dlnotes.train import accuracy, fit

# sigmoid(z) = (1 + tanh(z/2)) / 2: a tanh, half as steep, half as tall, +1/2
z = torch.linspace(-8, 8, 161)
assert torch.allclose(torch.sigmoid(z), (1 + torch.tanh(z / 2)) / 2,
                      atol=1e-6)


class CentredSigmoid(nn.Module):  # sigmoid(z) - 1/2 = tanh(z/2) / 2
    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(z) - 0.5


def scaled(k: float):  # the cross-entropy times k: k times the gradients
    return lambda scores, labels: k * nn.functional.cross_entropy(
        scores, labels)


device = get_device()
torch.manual_seed(12345)
X, y = make_spiral()
X, y = X.to(device), y.to(device)

runs = {  # name: (activation, learning rate, loss scale), all with Adam
    "sigmoid": (nn.Sigmoid(), 1e-2, 1),
    "sigmoid, loss x4": (nn.Sigmoid(), 1e-2, 4),
    "sigmoid, lr x2": (nn.Sigmoid(), 2e-2, 1),
    "sigmoid - 1/2, lr x2": (CentredSigmoid(), 2e-2, 1),
}
train, loss = {}, {}  # training accuracy and loss after 500 epochs
for name, (activation, lr, k) in runs.items():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 100), activation, nn.Linear(100, 3))
    model = model.to(device)
    adam = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=1e-5)
    fit(model, X, y, loss_fn=scaled(k), optimizer=adam, epochs=500)
    train[name] = accuracy(model, X, y)
    with torch.no_grad():
        loss[name] = nn.functional.cross_entropy(model(X), y).item()
    print(f"{name:20s} training accuracy {train[name]:.3f}, "
          f"loss {loss[name]:.3f}")
#> sigmoid              training accuracy 0.926, loss 0.191
#> sigmoid, loss x4     training accuracy 0.927, loss 0.189
#> sigmoid, lr x2       training accuracy 0.982, loss 0.086
#> sigmoid - 1/2, lr x2 training accuracy 0.998, loss 0.039
# Adam divides out the gradients' scale: 4 times the loss changes ~nothing
assert abs(train["sigmoid, loss x4"] - train["sigmoid"]) < 0.01
assert train["sigmoid, lr x2"] > train["sigmoid"] + 0.03
assert train["sigmoid - 1/2, lr x2"] > 0.99
