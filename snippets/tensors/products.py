import torch

a = torch.tensor([1, 2, 3])
b = torch.tensor([4, 5, 6])

print(torch.dot(a, b))    # dot (inner) product: a number, 1*4 + 2*5 + 3*6
#> tensor(32)
print(a @ b)              # @ on two 1-D tensors is the dot product too
#> tensor(32)
print(torch.outer(a, b))  # outer product: a matrix with entries a_i * b_j
#> tensor([[ 4,  5,  6],
#>         [ 8, 10, 12],
#>         [12, 15, 18]])
c = torch.cross(a, b, dim=0)  # cross product (3-D vectors only): a vector
print(c)
#> tensor([-3,  6, -3])

print(torch.dot(c, a), torch.dot(c, b))  # c is perpendicular to a and b
#> tensor(0) tensor(0)

assert torch.equal(torch.outer(a, b), a.reshape(3, 1) * b)  # broadcasting
assert torch.equal(torch.linalg.cross(a, b), c)  # the linalg spelling
assert torch.equal(torch.cross(b, a, dim=0), -c)  # order matters
