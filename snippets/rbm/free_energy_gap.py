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
    print(f"{n:4d} images, {epochs:3d} epochs: F train {f_train:6.2f}, "
          f"held-out {f_held:6.2f}, gap {gaps[n, epochs]:+.2f}")
#> 1500 images,  10 epochs: F train -56.53, held-out -57.10, gap -0.58
#>  100 images,  10 epochs: F train -74.89, held-out -74.67, gap +0.22
#>  100 images, 100 epochs: F train -68.10, held-out -66.50, gap +1.60
#>  100 images, 300 epochs: F train -56.06, held-out -52.92, gap +3.14
assert abs(gaps[1500, 10]) < 1 and gaps[100, 300] > 2
assert gaps[100, 10] < gaps[100, 100] < gaps[100, 300]
