import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import make_blobs
from dlnotes.train import accuracy, fit

device = get_device()
# 3 groups of points, each with its label; then new points, same distribution
X, y = make_blobs(n_per_class=100, std=0.8, seed=0)
X_test, y_test = make_blobs(n_per_class=100, std=0.8, seed=1)
X, y = X.to(device), y.to(device)
X_test, y_test = X_test.to(device), y_test.to(device)

torch.manual_seed(0)
# One score per class: softmax (logistic) regression.
model = nn.Linear(2, 3).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=optimizer,
    epochs=100)

print(f"accuracy: training {accuracy(model, X, y):.3f}, "
      f"test {accuracy(model, X_test, y_test):.3f}")
#> accuracy: training 0.977, test 0.987
new_point = torch.tensor([[3.5, 0.5]], device=device)
print("a new point near (4, 0) is class", model(new_point).argmax(dim=1).item())
#> a new point near (4, 0) is class 1
assert min(accuracy(model, X, y), accuracy(model, X_test, y_test)) >= 0.97
