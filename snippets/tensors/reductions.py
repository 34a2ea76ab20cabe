import torch

m = torch.tensor([[3, 9, 1],
                  [8, 2, 6]])
print(torch.max(m), torch.min(m))     # over all elements: a 0-D tensor
#> tensor(9) tensor(1)

best = torch.max(m, dim=1)            # along dim 1: one result per row
print(best.values, best.indices)      # the maxima and where they are
#> tensor([9, 8]) tensor([1, 0])
low = torch.min(m, dim=0)             # along dim 0: one result per column
print(low.values, low.indices)
#> tensor([3, 2, 1]) tensor([0, 1, 0])

print(m.sum(), m.sum(dim=0), m.sum(dim=1))
#> tensor(29) tensor([11, 11,  7]) tensor([13, 16])
print(m.sum(dim=1, keepdim=True).shape)  # keeps the reduced dim, as size 1
#> torch.Size([2, 1])
print(m.float().mean(dim=0))             # mean needs a floating dtype
#> tensor([5.5000, 5.5000, 3.5000])

# With two tensors, max/min compare element by element instead.
print(torch.max(m[0], m[1]))
#> tensor([8, 9, 6])

assert torch.equal(m.argmax(dim=1), best.indices)
assert m.sum(dim=0).shape == (3,) and m.sum(dim=1).shape == (2,)
