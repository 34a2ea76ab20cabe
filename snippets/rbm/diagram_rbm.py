from dlnotes.diagrams import draw_rbm, find_parts

fig = draw_rbm(n_visible=6, n_hidden=4)  # the size of the tiny RBM below
assert len(find_parts(fig, "unit")) == 6 + 4
assert len(find_parts(fig, "edge")) == 6 * 4  # each v_i to each h_j, no other
