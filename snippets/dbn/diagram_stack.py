from dlnotes.diagrams import draw_dbn_training, find_parts

fig = draw_dbn_training([64, 256, 256], n_classes=10)  # this chapter's DBN
assert len(fig.axes) == 3  # one panel per step
widths = [int(t.get_text()) for t in find_parts(fig.axes[2], "size")]
assert widths == [64, 256, 256, 10]  # step 3: the network that is fine-tuned
