import textwrap

import torch

A = torch.tensor([[4.0, 7.0],
                  [2.0, 6.0]])       # det = 4 * 6 - 7 * 2 = 10
A_inv = torch.linalg.inv(A)
print(A_inv)
#> tensor([[ 0.6000, -0.7000],
#>         [-0.2000,  0.4000]])

I = torch.eye(2)
assert torch.allclose(A @ A_inv, I, atol=1e-6)
assert torch.allclose(A_inv @ A, I, atol=1e-6)
assert torch.allclose(torch.inverse(A), A_inv)  # the older name, same result

# To solve A x = b, solve directly: faster and more accurate than inv(A) @ b.
b = torch.tensor([1.0, 2.0])
x = torch.linalg.solve(A, b)
print(x)
#> tensor([-0.8000,  0.6000])
assert torch.allclose(A @ x, b, atol=1e-6)

S = torch.tensor([[1.0, 2.0],
                  [2.0, 4.0]])       # singular: row 2 = 2 * row 1, det = 0
try:
    torch.linalg.inv(S)
except RuntimeError as err:
    print(textwrap.fill(str(err), 72, break_on_hyphens=False))  # wrapped
    #> linalg.inv: The diagonal element 2 is zero, the inversion could not be
    #> completed because the input matrix is singular.
