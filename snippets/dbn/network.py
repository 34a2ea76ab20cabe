import torch

from dlnotes.dbn import DBN

dbn = DBN([64, 256, 256], seed=0)
# hidden layers = the RBMs, plus a supervised layer on top
net = dbn.to_network(n_classes=10)
print(net)
#> Sequential(
#>   (0): Linear(in_features=64, out_features=256, bias=True)
#>   (1): Sigmoid()
#>   (2): Linear(in_features=256, out_features=256, bias=True)
#>   (3): Sigmoid()
#>   (4): Linear(in_features=256, out_features=10, bias=True)
#> )
W1 = dbn.rbms[0].W  # (n_0, n_1): V_1 = sigmoid(V_0 W_1 + c_1)
print(tuple(W1.shape), tuple(net[0].weight.shape))  # nn.Linear keeps W_1^T
#> (64, 256) (256, 64)
assert torch.equal(net[0].weight, W1.T)
x = torch.rand(5, 64, device=dbn.device)
with torch.no_grad():
    # the upward pass, layer by layer
    same = torch.allclose(net[:4](x), dbn.transform(x), atol=1e-6)
print(same)
#> True
assert same
