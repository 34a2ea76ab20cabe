from dlnotes.diagrams import draw_autoencoder, find_parts

fig = draw_autoencoder(64, 2, hidden=[64, 32])  # the model above, drawn
widths = [int(t.get_text()) for t in find_parts(fig, "size")]
assert widths == [64, 64, 32, 2, 32, 64, 64]  # 64 pixels -> 2 numbers -> 64
