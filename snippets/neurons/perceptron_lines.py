import torch
from matplotlib.figure import Figure

from dlnotes.perceptron import train_perceptron
from dlnotes.plot import COLORS

X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
gates = {"AND": [0, 0, 0, 1], "OR": [0, 1, 1, 1], "XOR": [0, 1, 1, 0]}

grid = torch.linspace(-0.5, 1.5, 201)
gx, gy = torch.meshgrid(grid, grid, indexing="xy")
plane = torch.stack([gx.flatten(), gy.flatten()], dim=1)  # (40401, 2)

fig = Figure(figsize=(10, 3.6), layout="constrained")
for ax, (name, labels) in zip(fig.subplots(1, 3), gates.items()):
    y = torch.tensor(labels)
    p = train_perceptron(X, y, epochs=100)
    correct = int((p.predict(X) == y).sum())
    # Shade the half-plane where the perceptron says 1 ...
    says = p.predict(plane).reshape(gx.shape)
    ax.contourf(gx, gy, says, levels=[-0.5, 0.5, 1.5],
                colors=COLORS[:2], alpha=0.2)
    # ... and draw its line w . x + b = 0.
    score = (plane @ p.w + p.b).reshape(gx.shape)
    ax.contour(gx, gy, score, levels=[0.0], colors="black")
    ax.scatter(X[:, 0], X[:, 1], c=[COLORS[k] for k in labels], s=120,
               edgecolors="black")
    ax.set(title=f"{name}: {correct} of 4 correct", xlabel="$x_1$",
           ylabel="$x_2$", aspect="equal")
    assert correct == (4 if name != "XOR" else 2)
