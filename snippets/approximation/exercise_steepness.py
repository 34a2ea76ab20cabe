import torch

from dlnotes.approximation import sigmoid_staircase


def f(x):  # the target f (Nielsen, ch. 4)
    return (0.2 + 0.4 * x**2 + 0.3 * x * torch.sin(15 * x)
            + 0.05 * torch.cos(50 * x))


N, h = 40, 1 / 40
x = torch.linspace(0, 1, 2001).unsqueeze(1)
errors = {}
for wh in [1, 2, 5, 20, 200]:  # steepness w times the knot spacing h
    net = sigmoid_staircase(f, N, steepness=wh / h)
    with torch.no_grad():
        errors[wh] = (net(x) - f(x)).abs().max().item()
print({wh: round(e, 4) for wh, e in errors.items()})
#> {1: 0.0748, 2: 0.033, 5: 0.0153, 20: 0.0533, 200: 0.0798}
assert min(errors, key=errors.get) == 5 and errors[200] > 4 * errors[5]
