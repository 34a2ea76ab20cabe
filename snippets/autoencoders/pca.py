from dlnotes import get_device
from dlnotes.autoencoder import pca, pca_reconstruction_error
from dlnotes.data import load_digits

X, y = load_digits(device=get_device())
errors = {}
for k in [0, 2, 8, 16, 32]:
    mean, V = pca(X, k)  # mean (64,), components V (k, 64), orthonormal rows
    Z = (X - mean) @ V.T  # codes (1797, k): coordinates along the components
    X_hat = mean + Z @ V  # reconstructions (1797, 64)
    errors[k] = (X - X_hat).pow(2).mean().item()  # per-pixel squared error
    # Eckart–Young: the same number, from the discarded singular values.
    assert abs(errors[k] - pca_reconstruction_error(X, k)) < 1e-6
    kept = 1 - errors[k] / errors[0]  # the share of the variance kept
    print(f"k = {k:2d}: MSE {errors[k]:.4f}, variance kept {kept:.1%}")
#> k =  0: MSE 0.0733, variance kept 0.0%
#> k =  2: MSE 0.0524, variance kept 28.5%
#> k =  8: MSE 0.0239, variance kept 67.4%
#> k = 16: MSE 0.0110, variance kept 84.9%
#> k = 32: MSE 0.0025, variance kept 96.6%
for k, reference in [(2, 0.0524), (8, 0.0238), (16, 0.0110)]:
    assert abs(errors[k] - reference) <= 0.001
