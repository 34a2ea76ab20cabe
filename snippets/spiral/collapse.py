import torch
from torch import nn

torch.manual_seed(0)
first, second = nn.Linear(2, 100), nn.Linear(100, 3)  # any weights will do

# second(first(x)) = W2 (W1 x + b1) + b2 = (W2 W1) x + (W2 b1 + b2)
one = nn.Linear(2, 3)
with torch.no_grad():
    # (3, 100) @ (100, 2) -> (3, 2)
    one.weight.copy_(second.weight @ first.weight)
    one.bias.copy_(second.weight @ first.bias + second.bias)

x = torch.randn(5, 2)
two_layers = second(first(x))
print(tuple(one.weight.shape), tuple(two_layers.shape))
#> (3, 2) (5, 3)
print(torch.allclose(two_layers, one(x), atol=1e-6))  # equal, up to rounding
#> True
assert torch.allclose(two_layers, one(x), atol=1e-6)
