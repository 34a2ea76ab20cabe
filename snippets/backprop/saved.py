import warnings

import torch
import torch.autograd.forward_ad as fwAD
from torch import nn


def sigmoid_net(depth, width=64):  # depth linear layers, width → width
    torch.manual_seed(0)
    layers = []
    for _ in range(depth):
        layers += [nn.Linear(width, width), nn.Sigmoid()]
    return nn.Sequential(*layers[:-1])


def kept_for_backward(model, x):  # the tensors autograd saves, and their bytes
    kept = {}

    def pack(t):  # called for every tensor saved for the backward pass
        kept[t.untyped_storage().data_ptr()] = t.untyped_storage().nbytes()
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        model(x).sum()
    weights = {p.untyped_storage().data_ptr() for p in model.parameters()}
    activations = [b for ptr, b in kept.items() if ptr not in weights]
    return len(activations), sum(activations)


for depth, batch in [(2, 256), (4, 256), (8, 256), (8, 1024)]:
    model = sigmoid_net(depth)
    count, size = kept_for_backward(model, torch.randn(batch, 64))
    weights = sum(p.numel() * p.element_size() for p in model.parameters())
    print(f"{depth} layers, batch {batch:>4}: {count} activations kept, "
          f"{size // 1024:>4} KiB; weights {weights // 1024:>3} KiB")
    assert count == depth and size == depth * batch * 64 * 4  # float32
#> 2 layers, batch  256: 2 activations kept,  128 KiB; weights  32 KiB
#> 4 layers, batch  256: 4 activations kept,  256 KiB; weights  65 KiB
#> 8 layers, batch  256: 8 activations kept,  512 KiB; weights 130 KiB
#> 8 layers, batch 1024: 8 activations kept, 2048 KiB; weights 130 KiB

model, x = sigmoid_net(8), torch.randn(1024, 64)
with torch.no_grad():  # no backward pass will come: nothing is kept
    assert kept_for_backward(model, x) == (0, 0)
model.requires_grad_(False)
with fwAD.dual_level():  # forward mode: the tangent travels with the values
    # its first use warns in torch 2.13 (torch.jit.script is deprecated)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        dual = fwAD.make_dual(x, torch.randn(1024, 64))
    assert kept_for_backward(model, dual) == (0, 0)
    tangent = fwAD.unpack_dual(model(dual)).tangent  # J u, (1024, 64)
assert tangent.shape == (1024, 64)
