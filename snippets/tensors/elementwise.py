import torch

x = torch.tensor([1.0, 4.0, 9.0])
y = torch.tensor([2.0, 2.0, 3.0])

print(torch.abs(torch.tensor([-3, 0, 2])))
#> tensor([3, 0, 2])
print(torch.sqrt(x))                      # each element on its own
#> tensor([1., 2., 3.])
print(torch.pow(x, 2), torch.pow(x, y))   # exponent: a number or a tensor
#> tensor([ 1., 16., 81.]) tensor([  1.,  16., 729.])
print(torch.div(x, y))                    # the same as x / y
#> tensor([0.5000, 2.0000, 3.0000])
print(torch.exp(torch.tensor([0.0, 1.0, 2.0])).round(decimals=4))
#> tensor([1.0000, 2.7183, 7.3891])

# Every function is also a method, and the common ones are operators.
assert torch.equal(torch.div(x, y), x / y)
assert torch.equal(torch.pow(x, 2), x ** 2)
assert torch.equal(x.sqrt(), torch.sqrt(x))
assert torch.allclose(torch.log(torch.exp(x)), x)
assert torch.sqrt(x).shape == x.shape     # element-wise: the shape is kept
