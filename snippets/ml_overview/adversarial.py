import torch
from torch import nn

from dlnotes import get_device
from dlnotes.adversarial import fgsm
from dlnotes.data import load_digits
from dlnotes.plot import plot_images
from dlnotes.train import accuracy, fit

device = get_device()
X, y = load_digits(device=device)  # pixels in [0, 1]
g = torch.Generator().manual_seed(0)
order = torch.randperm(len(X), generator=g).to(device)
train, test = order[:1297], order[1297:]
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
model = model.to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
fit(model, X[train], y[train], loss_fn=nn.CrossEntropyLoss(),
    optimizer=optimizer, epochs=100)

X_test, y_test = X[test], y[test]
clean = accuracy(model, X_test, y_test)
print(f"clean test accuracy {clean:.3f}")
#> clean test accuracy 0.970
# Move each pixel by ε towards a higher loss: x + ε sign(∇x L), kept in [0, 1].
X_adv = {eps: fgsm(model, X_test, y_test, eps, clip=(0, 1))
         for eps in [0.05, 0.1, 0.2]}
for eps, X_eps in X_adv.items():
    change = (X_eps - X_test).abs().max().item()
    print(f"epsilon {eps}: accuracy {accuracy(model, X_eps, y_test):.3f}, "
          f"largest pixel change {change:.2f}")
#> epsilon 0.05: accuracy 0.792, largest pixel change 0.05
#> epsilon 0.1: accuracy 0.390, largest pixel change 0.10
#> epsilon 0.2: accuracy 0.010, largest pixel change 0.20
attacked = X_adv[0.1]
# At epsilon = 0.1, the accuracy more than halves.
assert accuracy(model, attacked, y_test) <= clean / 2

with torch.no_grad():
    before = model(X_test).argmax(dim=1)
    after = model(attacked).argmax(dim=1)
right_then_wrong = (before == y_test) & (after != y_test)
flipped = right_then_wrong.nonzero().flatten()[:5]
images = torch.cat([X_test[flipped], attacked[flipped]]).reshape(-1, 8, 8)
titles = [f"reads {d}" for d in before[flipped].tolist()]
titles += [f"ε=0.1: reads {d}" for d in after[flipped].tolist()]
fig = plot_images(images, titles=titles, ncols=5)
