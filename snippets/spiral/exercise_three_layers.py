import torch
from torch import nn

torch.manual_seed(0)
l1, l2, l3 = nn.Linear(2, 50), nn.Linear(50, 20), nn.Linear(20, 3)

# l3(l2(l1(x))) = W3 (W2 (W1 x + b1) + b2) + b3
W = l3.weight @ l2.weight @ l1.weight  # (3, 2)
b = l3.weight @ (l2.weight @ l1.bias + l2.bias) + l3.bias  # (3,)

x = torch.randn(4, 2)
print(tuple(W.shape), tuple(b.shape))
#> (3, 2) (3,)
print(torch.allclose(l3(l2(l1(x))), x @ W.T + b, atol=1e-6))
#> True
