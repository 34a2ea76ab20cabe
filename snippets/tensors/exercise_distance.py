import torch

# Exercise 4: all pairwise distances between points, with broadcasting.
P = torch.tensor([[0.0, 0.0],
                  [3.0, 4.0],
                  [6.0, 0.0]])          # 3 points in the plane, shape (3, 2)

# (3, 1, 2) - (1, 3, 2) -> (3, 3, 2): every point minus every point
diff = P.reshape(3, 1, 2) - P.reshape(1, 3, 2)
D = torch.sqrt((diff ** 2).sum(dim=-1))  # (3, 3): D[i, j] = |P_i - P_j|
print(diff.shape)
#> torch.Size([3, 3, 2])
print(D)
#> tensor([[0., 5., 6.],
#>         [5., 0., 5.],
#>         [6., 5., 0.]])

assert torch.equal(D, D.t()) and torch.equal(D.diag(), torch.zeros(3))
assert torch.allclose(D, torch.cdist(P, P))  # PyTorch's built-in agrees
