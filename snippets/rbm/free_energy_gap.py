from dlnotes.data import load_digits
from dlnotes.rbm import RBM

X, _ = load_digits()
held_out = X[1500:]  # the last 297 digits, never trained on
gaps = {}
for n, epochs in [(1500, 10), (100, 10), (100, 100), (100, 300)]:
    rbm = RBM(64, 100, seed=0)
    rbm.fit(X[:n], epochs=epochs, lr=0.06, batch_size=10, persistent=True)
    f_train = rbm.free_energy(X[:n]).mean().item()  # Z cancels in the gap
    f_held = rbm.free_energy(held_out).mean().item()
    gaps[n, epochs] = f_held - f_train
    print(f"{n:4d} images, {epochs:3d} epochs: F train {f_train:5.1f}, "
          f"held-out {f_held:5.1f}, gap {gaps[n, epochs]:+.1f}")
#> 1500 images,  10 epochs: F train -56.5, held-out -57.1, gap -0.6
#>  100 images,  10 epochs: F train -74.9, held-out -74.7, gap +0.2
#>  100 images, 100 epochs: F train -68.1, held-out -66.5, gap +1.6
#>  100 images, 300 epochs: F train -56.1, held-out -52.9, gap +3.1
assert abs(gaps[1500, 10]) < 1 and gaps[100, 300] > 2
assert gaps[100, 10] < gaps[100, 100] < gaps[100, 300]
