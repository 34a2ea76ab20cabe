import torch
import torch.nn.functional as F

from dlnotes import get_device


class TwoLayer(torch.autograd.Function):
    """L = cross-entropy(σ(X W1ᵀ + b1) W2ᵀ + b2, y), backward by hand.

    Rows are samples, as in nn.Linear: W1 is (H, d), W2 is (C, H).
    """

    @staticmethod
    def forward(ctx, X, Y, W1, b1, W2, b2):  # Y: one-hot labels (n, C)
        h = torch.sigmoid(X @ W1.T + b1)  # hidden layer H = σ(Z1), (n, H)
        z2 = h @ W2.T + b2  # output scores Z2, (n, C)
        ctx.save_for_backward(X, Y, W1, W2, h, z2)
        return -(Y * z2.log_softmax(dim=1)).sum() / len(X)

    @staticmethod
    def backward(ctx, grad_L):
        X, Y, W1, W2, h, z2 = ctx.saved_tensors
        # δ2 = ∂L/∂Z2 = (P − Y) / n, (n, C)
        delta2 = (z2.softmax(dim=1) - Y) / len(X) * grad_L
        # δ1 = ∂L/∂Z1 = (δ2 W2) ⊙ σ'(Z1), (n, H)
        delta1 = (delta2 @ W2) * h * (1 - h)
        # ∂L/∂W = δᵀ (layer input), ∂L/∂b = column sums of δ
        return (None, None, delta1.T @ X, delta1.sum(0),
                delta2.T @ h, delta2.sum(0))


device = get_device()
torch.manual_seed(0)
n, d, H, C = 8, 4, 5, 3
X, y = torch.randn(n, d, dtype=torch.float64), torch.randint(0, C, (n,))
params = [torch.randn(H, d), torch.randn(H), torch.randn(C, H), torch.randn(C)]
X, y = X.to(device), y.to(device)
W1, b1, W2, b2 = [p.to(device, torch.float64).requires_grad_() for p in params]
Y = F.one_hot(y, C).to(torch.float64)

manual = torch.autograd.grad(TwoLayer.apply(X, Y, W1, b1, W2, b2),
                             [W1, b1, W2, b2])
# the same network written with ordinary PyTorch operations
loss = F.cross_entropy(torch.sigmoid(X @ W1.T + b1) @ W2.T + b2, y)
auto = torch.autograd.grad(loss, [W1, b1, W2, b2])
gap = max((m - a).abs().max().item() for m, a in zip(manual, auto))
print(f"loss {loss.item():.4f}; manual = autograd to 1e-10: {gap < 1e-10}")
#> loss 3.1125; manual = autograd to 1e-10: True
assert gap < 1e-10
assert [g.shape for g in manual] == [W1.shape, b1.shape, W2.shape, b2.shape]

# gradcheck compares our backward with central finite differences of forward.
inputs = (X, Y, W1, b1, W2, b2)
print(torch.autograd.gradcheck(TwoLayer.apply, inputs, eps=1e-6, atol=1e-8))
#> True
