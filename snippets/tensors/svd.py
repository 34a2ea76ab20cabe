import torch

A = torch.tensor([[3.0, 2.0, 2.0],
                  [2.0, 3.0, -2.0]])            # 2 x 3
U, S, Vh = torch.linalg.svd(A, full_matrices=False)
print(U.shape, S.shape, Vh.shape)
#> torch.Size([2, 2]) torch.Size([2]) torch.Size([2, 3])
print(S.round(decimals=4))                     # singular values, largest first
#> tensor([5., 3.])

# A = U diag(S) V^T, with orthonormal columns in U and rows in Vh.
assert torch.allclose(U @ torch.diag(S) @ Vh, A, atol=1e-5)
assert torch.allclose(U.T @ U, torch.eye(2), atol=1e-5)
assert torch.allclose(Vh @ Vh.T, torch.eye(2), atol=1e-5)
assert torch.allclose(torch.linalg.svdvals(A), S)

# The older torch.svd returns V itself, not its transpose Vh.
U2, S2, V2 = torch.svd(A)
assert torch.allclose(S2, S)
assert torch.allclose(U2 @ torch.diag(S2) @ V2.T, A, atol=1e-5)
