import torch
from matplotlib.figure import Figure

from dlnotes.activations import ACTIVATIONS

z = torch.linspace(-4, 4, 801, requires_grad=True)
fig = Figure(figsize=(10, 5.6), layout="constrained")
for ax, (name, (f, f_prime)) in zip(fig.subplots(2, 3).flat, ACTIVATIONS.items()):
    out = f(z)
    (grad,) = torch.autograd.grad(out.sum(), z)  # out[i] depends on z[i] only, so grad[i] = f'(z[i])
    assert torch.allclose(grad, f_prime(z), rtol=0, atol=1e-6)  # autograd agrees with the formula
    print(f"{name:>10}: f' from {grad.min().item():7.4f} to {grad.max().item():.4f}")
    ax.plot(z.detach(), out.detach(), label="$f(z)$")
    ax.plot(z.detach(), grad, "--", label="$f'(z)$, autograd")
    ax.axhline(0, color="gray", linewidth=0.5)
    ax.set(title=name, xlabel="$z$", ylim=(-1.3, 2.1))
    ax.legend(loc="upper left")
#>       step: f' from  0.0000 to 0.0000
#>    sigmoid: f' from  0.0177 to 0.2500
#>       tanh: f' from  0.0013 to 1.0000
#>       relu: f' from  0.0000 to 1.0000
#> leaky_relu: f' from  0.0100 to 1.0000
#>       gelu: f' from -0.1289 to 1.1289
