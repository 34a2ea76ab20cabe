from dlnotes.diagrams import draw_neuron, find_parts

fig = draw_neuron()  # inputs x_1, x_2, ..., x_n; output y = f(z)
assert len(find_parts(fig, "edge")) == 3  # x_1, x_2, x_n: one weight each
