import torch

print(torch.get_default_dtype())       # what 1.0, ones(), rand() ... use
#> torch.float32
x = torch.ones(3, dtype=torch.int64)   # a dtype is an argument,
y = x.to(torch.float32)                # or the target of a conversion
print(x, y)
#> tensor([1, 1, 1]) tensor([1., 1., 1.])
print(x.float().dtype, y.long().dtype, y.half().dtype)  # shorthand conversions
#> torch.float32 torch.int64 torch.float16

# Mixing dtypes promotes to the wider one; / always divides exactly.
print((x + y).dtype, (x / 2).dtype, (x // 2).dtype)
#> torch.float32 torch.float32 torch.int64
print(torch.tensor([2.9, -2.9]).to(torch.int64))       # float -> int truncates
#> tensor([ 2, -2])

try:
    torch.float32()                    # a dtype is a value, not a function
except TypeError as err:
    print("TypeError:", err)
    #> TypeError: 'torch.dtype' object is not callable

assert x.element_size() == 8 and y.element_size() == 4  # bytes per element
assert torch.tensor([1, 2], dtype=torch.float64).dtype == torch.float64
