import torch

from dlnotes.data import load_digits
from dlnotes.rbm import RBM

X, _ = load_digits()
train, held_out = X[:1500], X[1500:]
rbm = RBM(64, 100, seed=0)  # W ~ N(0, 0.01²), b = 0, c = 0
zero_biases = bool((rbm.b == 0).all() and (rbm.c == 0).all())
print(f"W: std {rbm.W.std().item():.4f}; b, c all zero: {zero_biases}")
#> W: std 0.0100; b, c all zero: True

p = train.mean(dim=0)  # how often each pixel is "on"
print(f"pixels never on in training: {(p == 0).sum().item()}")
#> pixels never on in training: 3
p = p.clamp(0.01, 0.99)  # log(0) would be -inf
hinton = RBM(64, 100, seed=0)
hinton.b = torch.log(p / (1 - p)).to(hinton.W.device)  # σ(b_i) = p_i


def error(model, V):
    return (V.to(model.W.device) - model.reconstruct(V)).pow(2).mean().item()


mean_error = (held_out - train.mean(dim=0)).pow(2).mean().item()
print(f"untrained, held out: b = 0 {error(rbm, held_out):.4f}, "
      f"b = log-odds {error(hinton, held_out):.4f}")
#> untrained, held out: b = 0 0.1825, b = log-odds 0.0742
print(f"guessing each pixel's training mean: {mean_error:.4f}")
#> guessing each pixel's training mean: 0.0739
assert abs(error(hinton, held_out) - mean_error) < 0.001
