import torch

x = torch.tensor([4, 1, 7, 3, 9, 2])
values, indices = torch.sort(x)                 # ascending
print(values, indices)
#> tensor([1, 2, 3, 4, 7, 9]) tensor([1, 5, 3, 0, 2, 4])
values, indices = torch.sort(x, descending=True)
print(values, indices)
#> tensor([9, 7, 4, 3, 2, 1]) tensor([4, 2, 0, 3, 5, 1])

top = torch.topk(x, k=3)                        # the 3 largest, largest first
print(top.values, top.indices)
#> tensor([9, 7, 4]) tensor([4, 2, 0])
print(torch.topk(x, k=2, largest=False).values)  # the 2 smallest
#> tensor([1, 2])

m = torch.tensor([[3, 9, 1],
                  [8, 2, 6]])
print(torch.sort(m, dim=1).values)      # each row on its own (dim=-1: default)
#> tensor([[1, 3, 9],
#>         [2, 6, 8]])
print(torch.topk(m, k=1, dim=0).values)  # the largest of each column
#> tensor([[8, 9, 6]])

assert torch.equal(x[indices], values)          # indices point back into x
assert torch.equal(top.values, values[:3])
