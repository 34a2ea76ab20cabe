import torch

from dlnotes.approximation import tent_map_net

# a dyadic grid: every kink of T^k lies on it
x = torch.linspace(0, 1, 2**12 + 1).unsqueeze(1)
for k in [2, 4, 6, 8]:
    net = tent_map_net(k)
    with torch.no_grad():
        slope = torch.diff(net(x).flatten()) / torch.diff(x.flatten())
    # a piece ends where the slope changes
    pieces = 1 + int((torch.diff(slope).abs() > 1e-3).sum())
    params = sum(p.numel() for p in net.parameters())
    shallow = (params - 1) // 3 + 1  # 1-H-1: 3H + 1 parameters, H + 1 pieces
    print(f"k = {k}: {params:2d} parameters, deep {pieces:3d} pieces, "
          f"shallow at most {shallow:2d}")
    assert pieces == 2**k and params == 6 * k + 1
#> k = 2: 13 parameters, deep   4 pieces, shallow at most  5
#> k = 4: 25 parameters, deep  16 pieces, shallow at most  9
#> k = 6: 37 parameters, deep  64 pieces, shallow at most 13
#> k = 8: 49 parameters, deep 256 pieces, shallow at most 17
