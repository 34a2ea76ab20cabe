import torch

m = torch.tensor([[1, 2, 3],
                  [4, 5, 6]])
print(m.t())                 # rows become columns
#> tensor([[1, 4],
#>         [2, 5],
#>         [3, 6]])
print(m.shape, m.t().shape)
#> torch.Size([2, 3]) torch.Size([3, 2])

x = torch.zeros(2, 3, 4)
# transpose(i, j) swaps any two dims; t() is for 2-D only
print(x.transpose(0, 2).shape)
#> torch.Size([4, 3, 2])

# A transpose is a view: no copy, it shares memory with m.
mt = m.t()
mt[0, 1] = 40
print(m)
#> tensor([[ 1,  2,  3],
#>         [40,  5,  6]])

assert torch.equal(m.transpose(0, 1), m.t()) and torch.equal(m.T, m.t())
assert torch.equal(m.t().t(), m)
