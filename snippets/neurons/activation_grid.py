import torch
from matplotlib.figure import Figure

from dlnotes.activations import ACTIVATIONS

z = torch.linspace(-4, 4, 801, requires_grad=True)
fig = Figure(figsize=(10, 5.6), layout="constrained")
panels = fig.subplots(2, 3).flat
for ax, (name, (f, f_prime)) in zip(panels, ACTIVATIONS.items()):
    out = f(z)
    # out[i] depends on z[i] only, so grad[i] = f'(z[i])
    (grad,) = torch.autograd.grad(out.sum(), z)
    # autograd agrees with the formula of the table
    assert torch.allclose(grad, f_prime(z), rtol=0, atol=1e-6)
    lo, hi = grad.min().item(), grad.max().item()
    print(f"{name:>10}: f' from {lo:7.4f} to {hi:.4f}")
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
