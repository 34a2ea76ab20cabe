import torch
import torch.nn.functional as F

torch.manual_seed(0)
# scores of 4 samples (rows) for 3 classes
z = torch.randn(4, 3, dtype=torch.float64, requires_grad=True)
y = torch.tensor([0, 2, 1, 2])
(delta,) = torch.autograd.grad(F.cross_entropy(z, y), z)  # ∂L/∂z, autograd
by_hand = (z.softmax(dim=1) - F.one_hot(y, 3)) / len(z)  # (p − onehot(y))/n
print([round(v, 4) for v in delta[0].tolist()])
#> [-0.0388, 0.0337, 0.0051]
assert torch.allclose(delta, by_hand, rtol=0, atol=1e-15)
# each row of p − onehot(y) sums to 1 − 1 = 0
assert delta.sum(dim=1).abs().max() < 1e-15
