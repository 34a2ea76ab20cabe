import torch

a = torch.tensor([7, -7, 7, -7])
b = torch.tensor([3, 3, -3, -3])
print(torch.fmod(a, b))       # the sign of the dividend a (like C)
#> tensor([ 1, -1,  1, -1])
print(torch.remainder(a, b))  # the sign of the divisor b (like Python's %)
#> tensor([ 1,  2, -2, -1])

q_trunc = torch.div(a, b, rounding_mode="trunc")  # rounded towards zero
q_floor = torch.div(a, b, rounding_mode="floor")  # rounded down, like a // b
print(q_trunc, q_floor)
#> tensor([ 2, -2, -2,  2]) tensor([ 2, -3, -3,  2])

# Each remainder belongs to one quotient: a == q * b + r.
assert torch.equal(q_trunc * b + torch.fmod(a, b), a)
assert torch.equal(q_floor * b + torch.remainder(a, b), a)
assert torch.equal(torch.remainder(a, b), a % b)

print(torch.fmod(torch.tensor([5.5, -5.5]), 2))    # floats work too
#> tensor([ 1.5000, -1.5000])
