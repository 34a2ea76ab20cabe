import torch

from dlnotes.activations import (
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)

z = torch.tensor([0.0, 1.0, 2.0, 5.0])
print("sigmoid'", [round(v, 4) for v in sigmoid_derivative(z).tolist()])
#> sigmoid' [0.25, 0.1966, 0.105, 0.0066]
print("tanh'   ", [round(v, 4) for v in tanh_derivative(z).tolist()])
#> tanh'    [1.0, 0.42, 0.0707, 0.0002]

# Ten layers in a chain: the chain rule multiplies ten derivatives together.
grads = {}
for f in (sigmoid, tanh):
    x = torch.tensor(0.5, requires_grad=True)
    h = x
    for _ in range(10):
        h = f(h)
    h.backward()
    grads[f.__name__] = x.grad.item()
print({name: f"{g:.2e}" for name, g in grads.items()},
      f"(1/4)^10 = {0.25**10:.2e}")
#> {'sigmoid': '3.48e-07', 'tanh': '2.23e-01'} (1/4)^10 = 9.54e-07
assert 0 < grads["sigmoid"] <= 0.25**10 and grads["tanh"] <= 1
