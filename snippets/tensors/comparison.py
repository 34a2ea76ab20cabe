import torch

a = torch.tensor([1, 5, 3, 7])
b = torch.tensor([4, 5, 2, 7])
print(torch.gt(a, b))   # a >  b
#> tensor([False, False,  True, False])
print(torch.lt(a, b))   # a <  b
#> tensor([ True, False, False, False])
print(torch.ge(a, b))   # a >= b
#> tensor([False,  True,  True,  True])
print(torch.le(a, b))   # a <= b
#> tensor([ True,  True, False,  True])
print(torch.eq(a, b))   # a == b
#> tensor([False,  True, False,  True])
print(torch.ne(a, b))   # a != b
#> tensor([ True, False,  True, False])

mask = a > 2            # a boolean tensor can count and select
print(mask.sum().item(), a[mask])
#> 3 tensor([5, 3, 7])
print(torch.equal(a, b))  # the whole tensors: one Python bool
#> False

assert torch.equal(torch.gt(a, b), a > b)
assert torch.equal(torch.ne(a, b), ~torch.eq(a, b))
assert torch.gt(a, 2).dtype == torch.bool   # comparing with a number also works
