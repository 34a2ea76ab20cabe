import torch

from dlnotes.data import load_digits
from dlnotes.plot import plot_images
from dlnotes.rbm import RBM

X, _ = load_digits()
train, held_out = X[:1500], X[1500:]  # the last 297: never trained on
untrained = RBM(64, 100, seed=0)
rbm = RBM(64, 100, seed=0)
rbm.fit(train, epochs=10, lr=0.06, batch_size=10, persistent=True)


def error(model, V):
    return (V.to(model.W.device) - model.reconstruct(V)).pow(2).mean().item()


print(f"held-out error: untrained {error(untrained, held_out):.4f}, "
      f"trained {error(rbm, held_out):.4f}")
#> held-out error: untrained 0.1825, trained 0.0447
baseline = (held_out - train.mean(dim=0)).pow(2).mean().item()
print(f"baseline (every pixel = its mean): {baseline:.4f}")
#> baseline (every pixel = its mean): 0.0739
assert error(rbm, held_out) < 0.5 * error(untrained, held_out)

shown = held_out[:10]
pairs = torch.cat([shown, rbm.reconstruct(shown).cpu()])
fig = plot_images(pairs.reshape(20, 8, 8), ncols=10)
