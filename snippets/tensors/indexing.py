import torch

m = torch.arange(12).reshape(3, 4)   # 0..11 laid out as 3 rows x 4 columns
print(m)
#> tensor([[ 0,  1,  2,  3],
#>         [ 4,  5,  6,  7],
#>         [ 8,  9, 10, 11]])
print(m.numel())                     # number of elements: 3 * 4
#> 12

print(m[1, 2])       # row 1, column 2 (counting from 0)
#> tensor(6)
print(m[1])          # row 1, the same as m[1, :]
#> tensor([4, 5, 6, 7])
print(m[:, 2])       # column 2: ":" keeps every row
#> tensor([ 2,  6, 10])
print(m[:, -1])      # negative indices count from the end: the last column
#> tensor([ 3,  7, 11])
print(m[0:2, 1:3])   # rows 0-1, columns 1-2 (the end is excluded)
#> tensor([[1, 2],
#>         [5, 6]])
print(m[:, ::2])     # every second column
#> tensor([[ 0,  2],
#>         [ 4,  6],
#>         [ 8, 10]])

m[:, 0] = 0          # assigning to a slice writes into m
print(m[:, 0])
#> tensor([0, 0, 0])

# An int drops the dim, a slice keeps it:
assert m[:, 2].shape == (3,) and m[:, 2:3].shape == (3, 1)
assert m.numel() == 12 == m.shape[0] * m.shape[1]
