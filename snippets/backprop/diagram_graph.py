from dlnotes.diagrams import draw_backprop_graph, find_parts

fig = draw_backprop_graph()  # the two-layer network of the formulas above
forward, backward = find_parts(fig, "forward"), find_parts(fig, "backward")
assert (len(forward), len(backward)) == (7, 5)  # no gradient goes to X or y
