from dlnotes.data import load_digits

X, _ = load_digits()  # pixels are counts 0..16 divided by 16
zero = (X == 0).float().mean().item()
one = (X == 1).float().mean().item()
grey = ((X > 0) & (X < 1)).float().mean().item()
print(f"pixels at 0: {zero:.1%}, at 1: {one:.1%}, in between: {grey:.1%}")
#> pixels at 0: 48.9%, at 1: 9.1%, in between: 42.0%
print(f"distinct values: {X.unique().numel()}")
#> distinct values: 17
assert abs(zero + one + grey - 1) < 1e-6 and grey > 0.4
