import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import make_spiral
from dlnotes.train import accuracy, fit

device = get_device()
X_test, y_test = make_spiral(n_per_class=500, seed=100)
X_test, y_test = X_test.to(device), y_test.to(device)


def knn_predict(X_train, y_train, X, k=5):
    """k-nearest neighbours: a vote of the k closest training points."""
    nearest = torch.cdist(X, X_train).topk(k, largest=False).indices  # (n, k)
    votes = nn.functional.one_hot(y_train[nearest], num_classes=3).sum(dim=1)
    return votes.argmax(dim=1)


print(f"{'n':>5} {'logistic: size':>15} {'accuracy':>9} "
      f"{'5-NN: size':>11} {'accuracy':>9}")
for n_per_class in [10, 100, 1000]:
    X, y = make_spiral(n_per_class=n_per_class, seed=0)
    X, y = X.to(device), y.to(device)
    torch.manual_seed(0)
    # parametric: 2 x 3 weights + 3 biases, whatever n is
    logistic = nn.Linear(2, 3).to(device)
    optimizer = torch.optim.Adam(logistic.parameters(), lr=0.1)
    fit(logistic, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=optimizer,
        epochs=200)
    n_logistic = sum(p.numel() for p in logistic.parameters())
    n_knn = X.numel() + y.numel()  # non-parametric: every point and its label
    knn_acc = (knn_predict(X, y, X_test) == y_test).float().mean().item()
    logistic_acc = accuracy(logistic, X_test, y_test)
    print(f"{len(X):5d} {n_logistic:15d} {logistic_acc:9.3f} "
          f"{n_knn:11d} {knn_acc:9.3f}")
#>     n  logistic: size  accuracy  5-NN: size  accuracy
#>    30               9     0.511          90     0.875
#>   300               9     0.509         900     0.995
#>  3000               9     0.505        9000     0.999
assert n_logistic == 9 and n_knn == 9000 and knn_acc > 0.9
