import torch

A = torch.tensor([[1, 2], [3, 4], [5, 6]])   # 3 x 2
B = torch.tensor([[1, 0, 2], [0, 1, 3]])     # 2 x 3
C = torch.mm(A, B)                           # (3 x 2)(2 x 3) -> 3 x 3
print(C)
#> tensor([[ 1,  2,  8],
#>         [ 3,  4, 18],
#>         [ 5,  6, 28]])
# C_ij: row i of A times column j of B, summed
print(C[0, 2], (A[0, :] * B[:, 2]).sum())
#> tensor(8) tensor(8)

v = torch.tensor([1, -1])
print(A @ v)          # matrix @ vector -> a vector of shape (3,)
#> tensor([-1, -1, -1])
print(A @ v.reshape(2, 1))  # matrix @ column matrix -> shape (3, 1)
#> tensor([[-1],
#>         [-1],
#>         [-1]])

try:
    torch.mm(A, A)    # inner sizes 2 and 3 do not match
except RuntimeError as err:
    print(err)
    #> mat1 and mat2 shapes cannot be multiplied (3x2 and 3x2)

assert torch.equal(C, A @ B) and torch.equal(C, torch.matmul(A, B))
assert not torch.equal(A * A, A @ A.T)  # * is element-wise, @ the product
