import torch

# Exercise 1: the 9 x 9 multiplication table, without a loop.
n = torch.arange(1, 10)                  # 1, 2, ..., 9, shape (9,)
table = n.reshape(9, 1) * n              # (9, 1) * (9,) -> (9, 9)
print(table[:4, :4])                     # the top-left corner
#> tensor([[ 1,  2,  3,  4],
#>         [ 2,  4,  6,  8],
#>         [ 3,  6,  9, 12],
#>         [ 4,  8, 12, 16]])
print(table.shape, table[6, 8].item())   # row "7", column "9": 7 * 9
#> torch.Size([9, 9]) 63

assert torch.equal(table, torch.outer(n, n))  # the outer product of n and n
assert torch.equal(table, table.t())          # a * b == b * a: symmetric
assert table.diag().tolist() == [k * k for k in range(1, 10)]
