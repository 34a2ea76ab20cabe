import torch

from dlnotes.data import make_spiral
from dlnotes.plot import plot_classes

torch.manual_seed(12345)  # the seed of the course's lab
# N points per class, C classes, D = 2, angle noise 0.2
X, y = make_spiral(n_per_class=1000, n_classes=3, noise=0.2)
print(X.shape, y.shape)
#> torch.Size([3000, 2]) torch.Size([3000])
print(torch.bincount(y).tolist())  # the classes are balanced
#> [1000, 1000, 1000]
print(X[[999, 1999, 2999]])  # the outer end of each arm, at radius 1
#> tensor([[-0.8262, -0.5634],
#>         [ 0.0693,  0.9976],
#>         [ 0.7969, -0.6041]])

assert X.shape == (3000, 2)
assert torch.equal(torch.bincount(y), torch.tensor([1000] * 3))
assert X.norm(dim=1).max() <= 1.0  # every point lies in the unit disc
fig = plot_classes(X, y, title="3-class spiral")
