import torch

torch.manual_seed(0)
A = torch.randn(4, 2, 3)    # a batch of 4 matrices, each 2 x 3
B = torch.randn(4, 3, 5)    # a batch of 4 matrices, each 3 x 5
C = torch.bmm(A, B)         # 4 products, done at once
print(C.shape)
#> torch.Size([4, 2, 5])

for i in range(4):          # the same as multiplying pair by pair
    assert torch.allclose(C[i], A[i] @ B[i], atol=1e-6)

W = torch.randn(3, 5)
print((A @ W).shape)        # @ batches too, and broadcasts W over the batch
#> torch.Size([4, 2, 5])

assert torch.allclose(A @ B, C, atol=1e-6)
assert torch.allclose((A @ W)[1], A[1] @ W, atol=1e-6)
