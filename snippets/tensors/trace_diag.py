import torch

A = torch.tensor([[1, 2, 3],
                  [4, 5, 6],
                  [7, 8, 9]])
print(torch.diag(A))               # matrix -> its diagonal, a vector
#> tensor([1, 5, 9])
print(torch.trace(A))              # the sum of the diagonal: 1 + 5 + 9
#> tensor(15)
print(torch.diag(A, diagonal=1))   # the diagonal just above the main one
#> tensor([2, 6])

print(torch.diag(torch.tensor([1, 2, 3])))   # vector -> a diagonal matrix
#> tensor([[1, 0, 0],
#>         [0, 2, 0],
#>         [0, 0, 3]])

assert torch.trace(A) == torch.diag(A).sum() == 15
assert torch.equal(torch.diag(torch.diag(A)), A * torch.eye(3, dtype=A.dtype))
