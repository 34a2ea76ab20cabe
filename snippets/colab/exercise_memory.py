from torch import nn

from dlnotes.dbn import sigmoid_network


def kibibytes(model: nn.Module) -> float:
    """Memory of the parameters: number of values times bytes per value."""
    return sum(p.numel() * p.element_size() for p in model.parameters()) / 2**10


spiral = nn.Sequential(nn.Linear(2, 100), nn.ReLU(), nn.Linear(100, 3))
dbn = sigmoid_network([64, 256, 256], n_classes=10)
wide = nn.Sequential(nn.Linear(4096, 4096), nn.ReLU(), nn.Linear(4096, 4096))
for name, model in [("spiral", spiral), ("DBN", dbn), ("wide", wide)]:
    count = sum(p.numel() for p in model.parameters())
    print(f"{name:6s} {count:>10,d} parameters {kibibytes(model):>11,.1f} KiB")
#> spiral        603 parameters         2.4 KiB
#> DBN        85,002 parameters       332.0 KiB
#> wide   33,562,624 parameters   131,104.0 KiB
full = kibibytes(wide)
# Adam keeps 4 values per parameter: the weight, its gradient, 2 averages.
print(f"wide, trained with Adam: {4 * full / 2**10:.0f} MiB")
#> wide, trained with Adam: 512 MiB
assert kibibytes(wide.half()) == full / 2  # float16: 2 bytes per value
