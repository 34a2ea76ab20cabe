import torch

from dlnotes.activations import sigmoid, step

X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y = torch.tensor([0.0, 0.0, 0.0, 1.0])  # AND

for f in (step, sigmoid):
    torch.manual_seed(0)
    w = torch.randn(2, requires_grad=True)  # the same random start for both
    b = torch.zeros((), requires_grad=True)
    loss = ((f(X @ w + b) - y) ** 2).mean()  # mean squared error
    loss.backward()
    grad = torch.cat([w.grad, b.grad.reshape(1)])  # (3,): dL/dw1, dL/dw2, dL/db
    norm = grad.norm().item()
    print(f"{f.__name__}: loss {loss.item():.4f}, |gradient| {norm:.4f}")
    # The step neuron is wrong, yet its gradient is exactly 0.
    assert loss.item() > 0 and (norm == 0) == (f is step)
#> step: loss 0.2500, |gradient| 0.0000
#> sigmoid: loss 0.2901, |gradient| 0.1638
