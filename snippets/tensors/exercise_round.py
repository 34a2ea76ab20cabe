import torch


# Exercise 2: rounding half away from zero (what school calls "rounding").
def round_half_away(x):
    return torch.sign(x) * torch.floor(x.abs() + 0.5)

x = torch.tensor([0.5, 1.5, 2.5, -2.5, 2.4, -2.6])
print(round_half_away(x))
#> tensor([ 1.,  2.,  3., -3.,  2., -3.])
print(torch.round(x))            # half to even, for comparison
#> tensor([ 0.,  2.,  2., -2.,  2., -3.])

# They differ only on ties (x.5) whose integer part is even.
differ = round_half_away(x) != torch.round(x)
print(x[differ])
#> tensor([ 0.5000,  2.5000, -2.5000])

assert torch.equal(round_half_away(torch.tensor([2.4, 2.6, -2.4, -2.6])),
                   torch.tensor([2.0, 3.0, -2.0, -3.0]))
