from dlnotes.data import load_digits
from dlnotes.plot import plot_images
from dlnotes.rbm import RBM

X, _ = load_digits()  # (1797, 64), pixels in [0, 1]
rbm = RBM(64, 100, seed=0)
errors = rbm.fit(X[:1500], epochs=10, lr=0.06, batch_size=10,
                 persistent=True)
print(f"reconstruction error: epoch 1 {errors[0]:.4f}, "
      f"epoch 10 {errors[-1]:.4f}")
#> reconstruction error: epoch 1 0.0812, epoch 10 0.0440
assert errors[-1] < 0.7 * errors[0]

W = rbm.W.T.reshape(100, 8, 8).cpu()  # column j of W: hidden unit j's filter
top = W.abs().amax().item()
fig = plot_images(W[:40], ncols=10, vmin=-top, vmax=top)
