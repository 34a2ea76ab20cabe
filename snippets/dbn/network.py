import torch

from dlnotes.dbn import DBN

dbn = DBN([64, 256, 256], seed=0)
net = dbn.to_network(n_classes=10)  # hidden layers = the RBMs, plus a supervised layer
print(net)
#> Sequential(
#>   (0): Linear(in_features=64, out_features=256, bias=True)
#>   (1): Sigmoid()
#>   (2): Linear(in_features=256, out_features=256, bias=True)
#>   (3): Sigmoid()
#>   (4): Linear(in_features=256, out_features=10, bias=True)
#> )
x = torch.rand(5, 64, device=dbn.device)
with torch.no_grad():
    same = torch.allclose(net[:4](x), dbn.transform(x), atol=1e-6)  # the upward pass
print(same)
#> True
assert same
