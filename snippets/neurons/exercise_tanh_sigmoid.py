import torch

from dlnotes.activations import (
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)

z = torch.linspace(-6, 6, 1201, dtype=torch.float64)
# tanh(z) = 2σ(2z) - 1 and tanh'(z) = 4σ'(2z)
assert torch.allclose(tanh(z), 2 * sigmoid(2 * z) - 1)
assert torch.allclose(tanh_derivative(z), 4 * sigmoid_derivative(2 * z))

points = torch.tensor([-1.0, 0.0, 0.5], dtype=torch.float64)
print([round(v, 4) for v in tanh(points).tolist()])
#> [-0.7616, 0.0, 0.4621]
print([round(v, 4) for v in (2 * sigmoid(2 * points) - 1).tolist()])
#> [-0.7616, 0.0, 0.4621]
largest = tanh_derivative(points).max().item()
print(largest, 4 * sigmoid_derivative(torch.zeros(1)).item())
#> 1.0 1.0
